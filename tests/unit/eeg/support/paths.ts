/** Where the tests find the recordings, the committed fixtures, and scratch space. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const fixturesDir = join(repoRoot, 'tests/fixtures/eeg');
/** Public test recordings, vendored so that a clone needs nothing beside it (origins in the README there). */
export const recordingsDir = join(fixturesDir, 'recordings');
export const tinyBids = join(recordingsDir, 'bids/tiny_bids');

/** A fresh temporary folder; the returned function removes it. */
export async function scratch(prefix = 'neuroops-eeg-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
