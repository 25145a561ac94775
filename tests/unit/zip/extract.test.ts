import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPipelineError } from '../../../pipelines/errors';
import { extractZip } from '../../../pipelines/zip';
import { scratch } from '../eeg/support/paths';
import { buildZip } from './support/zip-writer';
import type { RawEntry } from './support/zip-writer';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch('neuroops-zip-')));
afterAll(() => cleanup());

let n = 0;
async function zipOf(entries: RawEntry[]): Promise<{ zip: string; target: string }> {
  n++;
  const zip = join(dir, `case${n}.zip`);
  await writeFile(zip, buildZip(entries));
  return { zip, target: join(dir, `out${n}`) };
}

/** Extraction must fail with `code`, name the zip, and leave no folder (final or temporary) behind. */
async function refused(entries: RawEntry[], code: string, message: RegExp, limits?: Parameters<typeof extractZip>[2]) {
  const { zip, target } = await zipOf(entries);
  const before = await readdir(dir);
  const err = await extractZip(zip, target, limits).then(() => null, (e: unknown) => e);
  expect(isPipelineError(err, code), String(err)).toBe(true);
  expect((err as Error).message).toContain(`case${n}.zip`);
  expect((err as Error).message).toMatch(message);
  expect((await readdir(dir)).sort()).toEqual(before.sort());
}

describe('extractZip', () => {
  it('extracts files and folders, deflated and stored', async () => {
    const { zip, target } = await zipOf([
      { name: 'ds/' },
      { name: 'ds/README', data: Buffer.from('hello') },
      { name: 'ds/sub-01/eeg/x.bin', data: Buffer.alloc(70_000, 7), method: 0 },
      { name: 'ds/ünïcode.txt', data: Buffer.from('ok') },
    ]);
    const res = await extractZip(zip, target);
    expect(res.files.sort()).toEqual(['ds/README', 'ds/sub-01/eeg/x.bin', 'ds/ünïcode.txt']);
    expect(res.totalBytes).toBe(5 + 70_000 + 2);
    expect(await readFile(join(target, 'ds/README'), 'utf8')).toBe('hello');
    expect((await readFile(join(target, 'ds/sub-01/eeg/x.bin'))).equals(Buffer.alloc(70_000, 7))).toBe(true);
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('streams many large entries through one open file, with no listener piling up on it', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const big = Array.from({ length: 12 }, (_, i) => ({ name: `big/${i}.bin`, data: Buffer.alloc(1024 * 1024 + 100, i), method: 0 as const }));
      const { zip, target } = await zipOf(big);
      const res = await extractZip(zip, target);
      expect(res.totalBytes).toBe(12 * (1024 * 1024 + 100));
      expect((await readFile(join(target, 'big/11.bin'))).equals(Buffer.alloc(1024 * 1024 + 100, 11))).toBe(true);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it('extracts an empty zip to an empty folder', async () => {
    const { zip, target } = await zipOf([]);
    expect((await extractZip(zip, target)).files).toEqual([]);
    expect(await readdir(target)).toEqual([]);
  });

  it('refuses zip-slip entries, absolute paths and drive letters', async () => {
    await refused([{ name: 'ok.txt', data: Buffer.from('x') }, { name: '../evil.txt', data: Buffer.from('x') }], 'UNSAFE_ZIP', /"\.\.\/evil\.txt" points outside the target folder/);
    await refused([{ name: 'a/../../evil.txt', data: Buffer.from('x') }], 'UNSAFE_ZIP', /outside the target folder/);
    await refused([{ name: 'a\\..\\..\\evil.txt', data: Buffer.from('x') }], 'UNSAFE_ZIP', /outside the target folder/);
    await refused([{ name: '/etc/evil', data: Buffer.from('x') }], 'UNSAFE_ZIP', /is an absolute path/);
    await refused([{ name: 'C:/evil', data: Buffer.from('x') }], 'UNSAFE_ZIP', /is an absolute path/);
  });

  it('refuses symbolic links and encrypted entries', async () => {
    await refused([{ name: 'link', data: Buffer.from('/etc/passwd'), method: 0, attr: (0o120777 << 16) >>> 0 }], 'UNSAFE_ZIP', /"link" is a symbolic link/);
    await refused([{ name: 'secret.txt', data: Buffer.from('x'), flags: 1 }], 'UNSAFE_ZIP', /encrypted/);
  });

  it('refuses a zip bomb by its declared ratio before writing anything', async () => {
    await refused([{ name: 'bomb.bin', data: Buffer.alloc(50 * 1024 * 1024) }], 'ZIP_TOO_LARGE', /bomb\.bin.*zip bomb/);
  });

  it('stops a bomb whose header lies about its size while inflating', async () => {
    await refused([{ name: 'liar.bin', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 1000 }], 'ZIP_TOO_LARGE', /"liar\.bin" expands past its declared 1000 bytes/);
  });

  it('enforces the total size and entry count limits, which callers can override', async () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.alloc(100, 65 + i) }));
    await refused(files, 'ZIP_TOO_LARGE', /holds 5 entries; the limit is 4/, { limits: { maxEntries: 4 } });
    await refused(files, 'ZIP_TOO_LARGE', /would expand to 500 bytes; the limit is 300 bytes/, { limits: { maxTotalBytes: 300 } });
    const { zip, target } = await zipOf(files);
    expect((await extractZip(zip, target, { limits: { maxEntries: 5 } })).files).toHaveLength(5);
  });

  it('removes everything it wrote when a later entry fails', async () => {
    await refused([
      { name: 'good/a.txt', data: Buffer.from('fine') },
      { name: 'good/b.bin', data: Buffer.alloc(5 * 1024 * 1024), declaredSize: 4096 },
    ], 'ZIP_TOO_LARGE', /b\.bin/);
  });

  it('refuses corrupt data, a file that is not a zip, a missing zip, and an existing target', async () => {
    const { zip } = await zipOf([{ name: 'a.txt', data: Buffer.from('abc'), method: 0 }]);
    const bytes = await readFile(zip);
    const at = 30 + 'a.txt'.length; // first data byte, after the local header and name
    bytes[at] = bytes[at]! ^ 0xff; // flip it: the CRC no longer matches
    await writeFile(zip, bytes);
    await expect(extractZip(zip, join(dir, 'corrupt'))).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/"a\.txt" is corrupt/) });
    const notZip = join(dir, 'plain.zip');
    await writeFile(notZip, 'just text, no zip here');
    await expect(extractZip(notZip, join(dir, 'x'))).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('plain.zip is not a readable zip') });
    await expect(extractZip(join(dir, 'nope.zip'), join(dir, 'y'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(extractZip(zip, dir)).rejects.toMatchObject({ code: 'TARGET_EXISTS' });
    expect((await readdir(dir)).filter((f) => ['corrupt', 'x', 'y'].includes(f) || f.includes('partial'))).toEqual([]);
  });
});
