import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../main/app/server';
import { tempDir } from '../../support/temp-dir';
import { MODEL_METADATA, MODEL_ONNX } from '../registry/support';
import { buildZip } from '../zip/support/zip-writer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A server whose registry holds model "m" version 1, from a finished run. */
async function serveWithModel(): Promise<RunningServer> {
  const dataDir = tempDir();
  server = await startServer({ dataDir, port: 0, rendererDir: path.join(dataDir, 'no-renderer') });
  const { tracking, registry } = server.core.services;
  const { runId } = await tracking.createRun({ experimentId: '0' });
  await tracking.putArtifact(runId, 'model/model.onnx', fs.readFileSync(MODEL_ONNX));
  await tracking.putArtifact(runId, 'model/neuroops.json', JSON.stringify(MODEL_METADATA));
  await tracking.setTerminated(runId);
  registry.createModel({ name: 'm' });
  await registry.createVersion({ name: 'm', source: `runs:/${runId}/model` });
  return server;
}

describe('bundles over the app API and HTTP', () => {
  it('exports to an absolute path only, never over an existing file unless told, and imports bytes sent through the API', async () => {
    const s = await serveWithModel();
    const call = (name: string, input: unknown) => s.core.dispatcher.call(name, input, { transport: 'test' });
    expect(await call('bundles.export', { name: 'm', version: 1, path: 'relative.zip' })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER_VALUE' } });
    const file = path.join(tempDir(), 'm.zip');
    expect(await call('bundles.export', { name: 'm', version: 1, path: file })).toMatchObject({ ok: true, data: { file } });
    expect(await call('bundles.export', { name: 'm', version: 1, path: file })).toMatchObject({ ok: false, error: { code: 'RESOURCE_ALREADY_EXISTS' } });
    expect(await call('bundles.export', { name: 'm', version: 1, path: file, overwrite: true })).toMatchObject({ ok: true });

    const imported = await call('bundles.importData', { fileName: 'm.zip', dataBase64: fs.readFileSync(file).toString('base64'), name: 'dropped' });
    expect(imported).toMatchObject({ ok: true, data: { name: 'dropped', version: 1, originalVersion: 1 } });
    expect(fs.readdirSync(path.join(s.core.dataDir, 'uploads'))).toEqual([]);
  });

  it('refuses bundles.export and bundles.import over HTTP, pointing at the routes, without telling which files exist', async () => {
    const s = await serveWithModel();
    const rpc = async (name: string, input: unknown) => {
      const response = await fetch(`${s.url}api/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      return { status: response.status, body: (await response.json()) as { code: string; message: string } };
    };
    const target = path.join(tempDir(), 'written-over-http.zip');
    const exported = await rpc('bundles.export', { name: 'm', version: 1, path: target, overwrite: true });
    expect(exported.status).toBe(403);
    expect(exported.body).toEqual({ code: 'PERMISSION_DENIED', message: expect.stringContaining('GET /api/bundles/export') });
    expect(fs.existsSync(target)).toBe(false);

    const existing = path.join(tempDir(), 'there.zip');
    fs.writeFileSync(existing, 'not a zip');
    const answers = [];
    for (const file of [existing, '/etc/passwd', '/no/such/file.zip', path.dirname(existing)]) answers.push(await rpc('bundles.import', { path: file }));
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(answers[0]!.body.message).toContain('POST /api/bundles/import');
    // One answer for every path: nothing tells a file that exists from one that does not.
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);

    // The desktop app (IPC) and the command line still name paths on their own disk.
    const viaIpc = await s.core.dispatcher.call('bundles.export', { name: 'm', version: 1, path: target }, { transport: 'ipc' });
    expect(viaIpc).toMatchObject({ ok: true, data: { file: target } });
    const viaCli = await s.core.dispatcher.invoke('bundles.import', { path: target, name: 'from-cli' });
    expect(viaCli).toMatchObject({ name: 'from-cli', version: 1 });
  });

  it('downloads a bundle and takes an upload back; an upload that is not application/zip, or names a file twice, is refused', async () => {
    const s = await serveWithModel();
    const base = s.url.replace(/\/$/, '');
    const download = await fetch(`${base}/api/bundles/export?name=m&version=1`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="m-v1.zip"');
    const zip = Buffer.from(await download.arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');

    const refused = await fetch(`${base}/api/bundles/import`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: new Uint8Array(zip) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).code).toBe('BAD_REQUEST');

    const uploaded = await fetch(`${base}/api/bundles/import?name=uploaded`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(zip) });
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toMatchObject({ name: 'uploaded', version: 1 });
    const dup = buildZip([{ name: 'neuroops.json', data: Buffer.from('{}') }, { name: 'neuroops.json', data: Buffer.from('{}') }]);
    const ambiguous = await fetch(`${base}/api/bundles/import`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(dup) });
    expect(ambiguous.status).toBe(400);
    expect(await ambiguous.json()).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('entry "neuroops.json" appears twice') });
    // A refusal names the file the user chose, not the server's temporary copy.
    const notBundle = buildZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    const named = await fetch(`${base}/api/bundles/import?fileName=${encodeURIComponent('../my model v2.zip')}`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(notBundle) });
    expect(named.status).toBe(400);
    expect((await named.json()).message).toMatch(/^my model v2\.zip has no neuroops\.json/);
    const sent = await s.core.dispatcher.invoke('bundles.importData', { fileName: 'sleep.zip', dataBase64: notBundle.toString('base64') }).catch((e: Error) => e.message);
    expect(sent).toMatch(/^sleep\.zip has no neuroops\.json/);
    expect(fs.readdirSync(path.join(s.core.dataDir, 'uploads'))).toEqual([]);
    const missing = await fetch(`${base}/api/bundles/export?name=ghost&version=1`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});
