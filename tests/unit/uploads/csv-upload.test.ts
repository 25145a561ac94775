/** A feature table (CSV) kept as an upload, for training from a browser: over HTTP and by uploads.add. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadStore } from '../../../main/services/uploads/upload-store';
import { serverPerTest } from '../../support/test-server';
import { tempDir } from '../../support/temp-dir';
import { leftovers } from './support';

const TABLE = path.join(__dirname, '../../fixtures/ml/multiclass.csv');
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

const serve = serverPerTest();

describe('feature table uploads', () => {
  it('POST /api/uploads?fileName=NAME.csv keeps the table as the upload\'s one file, hashed', async () => {
    const server = await serve();
    const dataDir = server.core.dataDir;
    const bytes = fs.readFileSync(TABLE);
    const response = await fetch(`${server.url}api/uploads?fileName=features.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: new Uint8Array(bytes) });
    expect(response.status).toBe(200);
    const record = (await response.json()) as { id: string; source: string; root: string; files: Array<{ path: string; bytes: number; sha256: string }> };
    expect(record).toMatchObject({ source: 'csv', root: '', files: [{ path: 'features.csv', bytes: bytes.length, sha256: sha256(bytes) }] });
    expect(fs.readFileSync(path.join(dataDir, 'uploads', record.id, 'dataset', 'features.csv'))).toEqual(bytes);

    const unnamed = await fetch(`${server.url}api/uploads`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: new Uint8Array(bytes) });
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as { message: string }).message).toContain('?fileName=NAME.csv');
    const wrongType = await fetch(`${server.url}api/uploads?fileName=features.csv`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: new Uint8Array(bytes) });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { message: string }).message).toContain('Content-Type: text/csv');
    expect(leftovers(path.join(dataDir, 'uploads'))).toEqual([]);
    expect((await server.core.dispatcher.invoke('uploads.list', {})).uploads.map((u) => u.id)).toEqual([record.id]);
  });

  it('uploads.add keeps a local .csv and still refuses other single files', async () => {
    const store = new UploadStore(path.join(tempDir(), 'uploads'));
    const record = await store.add(TABLE);
    expect(record).toMatchObject({ name: 'multiclass.csv', source: 'csv', files: [{ path: 'multiclass.csv' }] });
    const other = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(other, 'x');
    await expect(store.add(other)).rejects.toMatchObject({ code: 'NOT_RECOGNIZED', message: expect.stringContaining('a feature table as a CSV') });
  });
});
