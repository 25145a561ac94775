import crypto from 'node:crypto';
import path from 'node:path';
import { ownerTag } from '../../../pipelines/process-owner';

/** Bundle uploads, exports and unpacked imports in `<dataDir>/uploads` start so. */
export const BUNDLE_SCRATCH_PREFIX = 'bundle-';

/**
 * A fresh scratch path in `dir` (`bundle-<owner tag>-<uuid><ext>`): named with the process
 * that made it, so a later start-up can remove what a killed process left behind.
 */
export function bundleScratchPath(dir: string, ext = ''): string {
  return path.join(dir, `${BUNDLE_SCRATCH_PREFIX}${ownerTag()}-${crypto.randomUUID()}${ext}`);
}
