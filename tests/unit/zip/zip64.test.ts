/** Zip64 archives and archives past 2 and 4 GiB: read lazily, never refused for their size alone. */
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBidsDataset } from '../../../pipelines/eeg';
import { extractZip } from '../../../pipelines/zip';
import { repoRoot, scratch } from '../eeg/support/paths';
import { buildZip } from './support/zip-writer';
import type { RawEntry, ZipLayout } from './support/zip-writer';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch('neuroops-zip64-')));
afterAll(() => cleanup());

/**
 * Writes an archive `base` bytes into a sparse file: the bytes before it are a hole
 * (like the stub of a self-extracting archive), so the file is gigabytes long but
 * takes a few kilobytes of disk. A reader that loads the whole file cannot open it.
 */
async function sparseZip(name: string, base: number, entries: RawEntry[], layout: ZipLayout = {}): Promise<string> {
  const file = join(dir, name);
  const handle = await open(file, 'w');
  const bytes = buildZip(entries, { ...layout, base });
  await handle.write(bytes, 0, bytes.length, base);
  await handle.close();
  return file;
}

const GiB = 1024 ** 3;

describe('zip64 and large archives', () => {
  it('extracts a zip64 archive written by Python zipfile', async () => {
    const target = join(dir, 'py64');
    const res = await extractZip(join(repoRoot, 'tests/fixtures/zip/zip64.zip'), target);
    expect(res.files.sort()).toEqual(['ds/README', 'ds/dataset_description.json', 'ds/sub-01/eeg/data.bin']);
    expect(await readFile(join(target, 'ds/sub-01/eeg/data.bin'))).toEqual(Buffer.concat(Array.from({ length: 64 }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i)))));
    expect(await readFile(join(target, 'ds/README'), 'utf8')).toBe('A dataset zipped in zip64 form.\n');
  });

  it('extracts an archive in a file of 2.5 GiB, well under the 20 GB limit', async () => {
    const zip = await sparseZip('big.zip', 2.5 * GiB, [{ name: 'a.txt', data: Buffer.from('far into the file') }]);
    expect((await stat(zip)).size).toBeGreaterThan(2.5 * GiB);
    const target = join(dir, 'big');
    expect((await extractZip(zip, target)).files).toEqual(['a.txt']);
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('far into the file');
  });

  it('extracts a zip64 archive whose entries sit past 4 GiB', async () => {
    const zip = await sparseZip('past4g.zip', 4.5 * GiB, [
      { name: 'x/one.bin', data: Buffer.alloc(3000, 1) },
      { name: 'x/two.bin', data: Buffer.alloc(2 * 1024 * 1024, 2), method: 0 },
    ], { zip64: true });
    const target = join(dir, 'past4g');
    const res = await extractZip(zip, target);
    expect(res.files).toEqual(['x/one.bin', 'x/two.bin']);
    expect(res.totalBytes).toBe(3000 + 2 * 1024 * 1024);
    expect((await readFile(join(target, 'x/two.bin'))).equals(Buffer.alloc(2 * 1024 * 1024, 2))).toBe(true);
  });

  it('loads a BIDS dataset from a zip over 2 GiB, and leaves no extracted copy behind', async () => {
    const zip = await sparseZip('bids-big.zip', Math.floor(2.2 * GiB), [
      { name: 'ds/dataset_description.json', data: Buffer.from(JSON.stringify({ Name: 'big', BIDSVersion: '1.8.0' })) },
      { name: 'ds/README', data: Buffer.from('readme') },
    ]);
    const ds = await loadBidsDataset(zip);
    expect(ds).toMatchObject({ source: { kind: 'zip', path: zip }, name: 'big', bidsVersion: '1.8.0' });
    await ds.dispose();
    expect(await stat(ds.root).then(() => 'kept', () => 'removed')).toBe('removed');
  });
});
