/** Where the tests find the shared recordings, the committed fixtures, and scratch space. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** CI lays shared/ beside the clone, as on developer machines. */
export const sharedEeg = resolve(repoRoot, '../shared/data/eeg');
export const fixturesDir = join(repoRoot, 'tests/fixtures/eeg');
export const tinyBids = join(sharedEeg, 'bids/tiny_bids');

/** A fresh temporary folder; the returned function removes it. */
export async function scratch(prefix = 'neuroops-eeg-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
