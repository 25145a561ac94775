import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadStore } from '../../../main/services/uploads/upload-store';
import { tempDir } from '../../support/temp-dir';
import { leftovers, TINY_BIDS, tinyBidsEntries, writeZip } from './support';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function store(): { store: UploadStore; dir: string } {
  const dir = path.join(tempDir(), 'uploads');
  return { store: new UploadStore(dir), dir };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = (await promise.then(() => null, (e: unknown) => e)) as { code: string; message: string } | null;
  if (!error) throw new Error('expected a refusal');
  return { code: error.code, message: error.message };
}

describe('UploadStore', () => {
  it('keeps a folder, hashing every file with sha256, and lists, reads and deletes it', async () => {
    const { store: uploads, dir } = store();
    const record = await uploads.add(TINY_BIDS);
    expect(record).toMatchObject({ name: 'tiny_bids', source: 'folder', root: '' });
    const edfLike = record.files.find((f) => f.path.endsWith('_eeg.eeg'));
    expect(edfLike?.sha256).toBe(sha256(path.join(TINY_BIDS, edfLike?.path ?? '')));
    expect(record.files.map((f) => f.path)).toContain('dataset_description.json');
    expect(record.bytes).toBe(record.files.reduce((s, f) => s + fs.statSync(path.join(TINY_BIDS, f.path)).size, 0));
    expect(await uploads.list()).toEqual([expect.objectContaining({ id: record.id, fileCount: record.files.length })]);
    expect(fs.existsSync(path.join(await uploads.datasetPath(record.id), 'dataset_description.json'))).toBe(true);
    await uploads.remove(record.id);
    expect(await uploads.list()).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await refusal(uploads.get(record.id))).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('extracts a zip whose dataset sits in one top folder, and records that folder as the root', async () => {
    const { store: uploads } = store();
    const zip = writeZip(tinyBidsEntries('tiny_bids/'), 'tiny.zip');
    const record = await uploads.add(zip);
    expect(record).toMatchObject({ name: 'tiny.zip', source: 'zip', root: 'tiny_bids' });
    const description = record.files.find((f) => f.path === 'tiny_bids/dataset_description.json');
    expect(description?.sha256).toBe(sha256(path.join(TINY_BIDS, 'dataset_description.json')));
  });

  const refused: Array<[string, () => string, string, RegExp]> = [
    ['a corrupt zip', () => {
      const file = writeZip(tinyBidsEntries());
      fs.truncateSync(file, fs.statSync(file).size - 30);
      return file;
    }, '', /./],
    ['a zip-slip entry', () => writeZip([...tinyBidsEntries(), { name: '../escape.txt', data: Buffer.from('x') }]), 'UNSAFE_ZIP', /escape\.txt/],
    ['a zip bomb', () => writeZip([...tinyBidsEntries(), { name: 'bomb.bin', data: Buffer.alloc(50 * 1024 * 1024), method: 8 }]), 'ZIP_TOO_LARGE', /bomb\.bin/],
    ['a zip without a BIDS dataset', () => writeZip([{ name: 'notes/readme.txt', data: Buffer.from('hello') }]), 'NOT_RECOGNIZED', /dataset_description\.json/],
    ['an empty zip', () => writeZip([]), 'NOT_RECOGNIZED', /empty/],
    ['a single file that is not a zip', () => path.join(TINY_BIDS, 'participants.tsv'), 'NOT_RECOGNIZED', /neither a folder nor a \.zip/],
  ];
  for (const [what, make, code, message] of refused) {
    it(`refuses ${what} with a clear message and keeps nothing`, async () => {
      const { store: uploads, dir } = store();
      const error = await refusal(uploads.add(make()));
      if (code) expect(error.code).toBe(code);
      else expect(error.code).toMatch(/^[A-Z_]+$/);
      expect(error.message).toMatch(message);
      expect(await uploads.list()).toEqual([]);
      expect(leftovers(dir)).toEqual([]);
    });
  }

  it('refuses a folder holding a link instead of copying what it points to', async () => {
    const { store: uploads, dir } = store();
    const source = path.join(tempDir(), 'linked');
    fs.cpSync(TINY_BIDS, source, { recursive: true });
    fs.symlinkSync('/etc/passwd', path.join(source, 'passwd'));
    expect(await refusal(uploads.add(source))).toMatchObject({ code: 'UNSAFE_PATH', message: expect.stringContaining('is a link') });
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });
});
