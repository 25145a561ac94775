/** The limits as they apply to what a zip declares: its end record, then its entries. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractZip, DEFAULT_ZIP_LIMITS } from '../../../pipelines/zip';
import { checkEndRecord, vetEntries } from '../../../pipelines/zip/vet';
import type { ZipEntryInfo } from '../../../pipelines/zip/vet';
import { scratch } from '../eeg/support/paths';
import { buildZip } from './support/zip-writer';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch('neuroops-zip-limits-')));
afterAll(() => cleanup());

const GB = 1000 ** 3;
const stored = (name: string, size: number): ZipEntryInfo => ({ name, method: 0, flags: 0, externalAttributes: 0, size, compressedSize: size, crc: 0 });

describe('what the end record declares', () => {
  it('refuses too many entries before reading the central directory', async () => {
    // The end record claims 200,000 entries; the central directory behind it is garbage.
    // Parsing it first would fail as a damaged zip; counting first refuses it for its size.
    const zip = buildZip([{ name: 'a.txt', data: Buffer.from('x') }], { zip64: true, declaredEntryCount: 200_000 });
    const cd = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    zip.fill(0x55, cd, cd + 46);
    const file = join(dir, 'claims-many.zip');
    await writeFile(file, zip);
    await expect(extractZip(file, join(dir, 'out-many'))).rejects.toMatchObject({
      code: 'ZIP_TOO_LARGE',
      message: 'claims-many.zip holds 200000 entries; the limit is 20000',
    });
  });

  it('refuses a central directory far larger than its entries need', async () => {
    const names = ['a', 'b', 'c'].map((c) => ({ name: `${c.repeat(30_000)}.txt`, data: Buffer.from(c) }));
    const file = join(dir, 'long-names.zip');
    await writeFile(file, buildZip(names));
    await expect(extractZip(file, join(dir, 'out-long'), { limits: { maxEntries: 3 } })).rejects.toMatchObject({
      code: 'ZIP_TOO_LARGE',
      message: expect.stringMatching(/^long-names\.zip has a central directory of 88\.1 KB for 3 entries; more than 67\.1 KB/),
    });
  });

  it('passes an end record within the limits', () => {
    expect(() => checkEndRecord('ok.zip', { entryCount: 20_000, centralDirectoryBytes: 3_000_000 }, DEFAULT_ZIP_LIMITS)).not.toThrow();
    expect(() => checkEndRecord('x.zip', { entryCount: 20_001, centralDirectoryBytes: 100 }, DEFAULT_ZIP_LIMITS)).toThrow(/20001 entries; the limit is 20000/);
  });
});

describe('what the entries declare', () => {
  const vet = (entries: ZipEntryInfo[], archiveBytes: number) => vetEntries('d.zip', '/tmp/target', entries, archiveBytes, DEFAULT_ZIP_LIMITS);

  it('accepts entries and archives over 2 and 4 GiB up to the 20 GB limit', () => {
    const plan = vet([stored('sub-01/eeg/big.edf', 3 * 1024 ** 3), stored('sub-02/eeg/big.edf', 5 * 1024 ** 3)], 9 * 1024 ** 3);
    expect(plan.map((p) => p.rel)).toEqual(['sub-01/eeg/big.edf', 'sub-02/eeg/big.edf']);
    expect(() => vet([stored('a', 10 * 1024 ** 3), stored('b', 10 * 1024 ** 3)], 21 * 1024 ** 3)).not.toThrow();
  });

  it('refuses entries declaring more than 20 GB in total', () => {
    expect(() => vet([stored('a', 12 * GB), stored('b', 12 * GB)], 25 * GB)).toThrow(/d\.zip would expand to 22\.4 GB; the limit is 20\.0 GB/);
  });

  it('refuses entries whose compressed data add up to more than the archive (overlapping entries)', () => {
    const overlapping = Array.from({ length: 1000 }, (_, i) => ({ ...stored(`f${i}`, 0), method: 8, size: 90 * 1024 * 1024, compressedSize: 1024 * 1024 }));
    expect(() => vet(overlapping, 2 * 1024 * 1024)).toThrow(/entries overlap/);
  });
});
