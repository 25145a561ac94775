import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or unpacked app) root, found from this file's own location. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultRendererDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.NEUROOPS_RENDERER_DIR ?? path.join(PROJECT_ROOT, 'dist', 'renderer'));
}
