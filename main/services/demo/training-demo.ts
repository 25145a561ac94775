/**
 * The training demo (48 subjects, ~14 MB) is too large to commit beside the other
 * data, so it is generated on first use into `<data folder>/demo/training-bids`
 * and checked file by file against the sha256 manifest committed in
 * resources/demo/training-manifest.json. A folder that no longer matches (a file
 * edited or deleted) is made again; a generator that no longer gives the
 * manifest's bytes is an error, never a silently different demo.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { PROJECT_ROOT } from '../../app/paths';
import type { DemoFile } from '../../../pipelines/demo/bids-files';

export interface DemoManifest {
  seed: number;
  subjects: number;
  totalBytes: number;
  /** Relative path → sha256 (hex) of every file. */
  files: Record<string, string>;
}

export const TRAINING_MANIFEST = path.join(PROJECT_ROOT, 'resources', 'demo', 'training-manifest.json');

export function trainingDemoDir(dataDir: string): string {
  return path.join(dataDir, 'demo', 'training-bids');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readDemoManifest(file = TRAINING_MANIFEST): DemoManifest {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoManifest;
  } catch (error) {
    throw new AppError('DEMO_UNAVAILABLE', `Cannot read the demo dataset's manifest ${file}: ${(error as Error).message}. Reinstall NeuroOps or pass --dataset.`);
  }
}

/** Paths of files that are missing or differ from the manifest (empty: the folder is the demo). */
export function demoMismatches(dir: string, manifest: DemoManifest): string[] {
  const bad: string[] = [];
  for (const [rel, digest] of Object.entries(manifest.files)) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== digest) bad.push(rel);
  }
  return bad;
}

function writeGenerated(dir: string, files: Iterable<DemoFile>, manifest: DemoManifest, onFile?: (done: number, total: number) => void): void {
  const total = Object.keys(manifest.files).length;
  let done = 0;
  for (const file of files) {
    const expected = manifest.files[file.path];
    const actual = sha256(file.bytes);
    if (expected !== actual) {
      throw new AppError(
        'DEMO_MANIFEST_MISMATCH',
        `The demo generator made ${file.path} with sha256 ${actual}, but the manifest says ${expected ?? 'nothing of that file'}. ` +
          'Re-make the manifest with `npx tsx scripts/make-demo-dataset.ts` if the generator was changed on purpose.',
      );
    }
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.bytes);
    done += 1;
    onFile?.(done, total);
  }
  if (done !== total) throw new AppError('DEMO_MANIFEST_MISMATCH', `The demo generator made ${done} files, the manifest lists ${total}.`);
}

/**
 * The training demo's folder, generated first if it is missing or damaged. Two
 * processes may do this at once: each writes its own temporary folder and the
 * first rename wins.
 */
export async function ensureTrainingDemo(dataDir: string, onFile?: (done: number, total: number) => void): Promise<string> {
  const manifest = readDemoManifest();
  const dir = trainingDemoDir(dataDir);
  if (fs.existsSync(dir) && demoMismatches(dir, manifest).length === 0) return dir;
  const { demoDatasetFiles } = await import('../../../pipelines/demo/bids-files');
  const staging = `${dir}.partial-${process.pid}-${Date.now()}`;
  try {
    writeGenerated(staging, demoDatasetFiles(), manifest, onFile);
    if (fs.existsSync(dir) && demoMismatches(dir, manifest).length === 0) return dir;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    return dir;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
