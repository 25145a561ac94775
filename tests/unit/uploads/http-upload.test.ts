import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../main/app/server';
import { AuditChain } from '../../../main/services/audit/audit-chain';
import { serverPerTest } from '../../support/test-server';
import { buildZip } from '../zip/support/zip-writer';
import { leftovers, TINY_BIDS, tinyBidsEntries } from './support';

const serve = serverPerTest();

const uploadsDir = (s: RunningServer) => path.join(s.core.dataDir, 'uploads');
const call = (s: RunningServer, name: string, input: unknown) => s.core.dispatcher.call(name, input, { transport: 'test' });

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
}

describe('dataset uploads over HTTP and the app API', () => {
  it('streams a zip to disk, keeps it hashed, and refuses uploads.add over HTTP pointing at the route', async () => {
    const s = await serve();
    const zip = buildZip(tinyBidsEntries());
    const response = await fetch(`${s.url}api/uploads?fileName=${encodeURIComponent('C:\\data\\tiny.zip')}`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(zip) });
    expect(response.status).toBe(200);
    const record = (await response.json()) as { id: string; name: string; files: Array<{ path: string; sha256: string }> };
    expect(record.name).toBe('tiny.zip');
    expect(record.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(await call(s, 'uploads.list', {})).toMatchObject({ ok: true, data: { uploads: [{ id: record.id, name: 'tiny.zip', source: 'zip' }] } });
    expect(leftovers(uploadsDir(s))).toEqual([]);

    const rpc = await fetch(`${s.url}api/rpc/uploads.add`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: TINY_BIDS }) });
    expect(rpc.status).toBe(403);
    expect(((await rpc.json()) as { message: string }).message).toContain('POST /api/uploads');
  });

  it('keeps nothing of an upload cut off midway', async () => {
    const s = await serve();
    const zip = buildZip(tinyBidsEntries());
    const url = new URL(`${s.url}api/uploads?fileName=tiny.zip`);
    await new Promise<void>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'POST', headers: { 'Content-Type': 'application/zip', 'Content-Length': zip.length } });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(zip.subarray(0, zip.length >> 1), () => setTimeout(() => req.destroy(), 50));
    });
    await waitFor(() => leftovers(uploadsDir(s)).length === 0);
    expect(leftovers(uploadsDir(s))).toEqual([]);
    expect(await call(s, 'uploads.list', {})).toMatchObject({ ok: true, data: { uploads: [] } });
  });

  it('refuses a body that is not declared a zip, and a corrupt zip, keeping nothing', async () => {
    const s = await serve();
    const asText = await fetch(`${s.url}api/uploads`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(asText.status).toBe(400);
    const corrupt = await fetch(`${s.url}api/uploads?fileName=broken.zip`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new TextEncoder().encode('PK not really a zip') });
    const body = (await corrupt.json()) as { message: string };
    expect(corrupt.status).toBe(400);
    expect(body.message).toContain('broken.zip');
    expect(body.message).not.toMatch(/bundle-/);
    expect(fs.readdirSync(uploadsDir(s))).toEqual([]);
  });

  it('deletes an upload without touching the audit records of predictions made from it', async () => {
    const s = await serve();
    const added = await call(s, 'uploads.add', { path: TINY_BIDS });
    if (!added.ok) throw new Error(added.error.message);
    const { id, files } = added.data as { id: string; files: Array<{ sha256: string }> };
    new AuditChain(s.core.db).append({ kind: 'prediction', at: Date.now(), actor: 'tester', payload: { upload: id, inputs: files.map((f) => f.sha256) } });
    expect(await call(s, 'uploads.delete', { id })).toEqual({ ok: true, data: { id } });
    expect(await call(s, 'uploads.list', {})).toMatchObject({ ok: true, data: { uploads: [] } });
    expect(await call(s, 'audit.list', { kind: 'prediction' })).toMatchObject({ ok: true, data: { records: [{ payload: { upload: id } }] } });
    expect(await call(s, 'audit.verify', {})).toMatchObject({ ok: true, data: { ok: true, records: 1 } });
  });
});
