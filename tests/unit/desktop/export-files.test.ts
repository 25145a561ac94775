/**
 * The Predictions page's CSV exports in the desktop app, which has no HTTP server: the
 * window calls predictions.exportCsv and audit.exportCsv over IPC with the path from the
 * save dialog, and the file holds the very bytes the HTTP routes serve a browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../main/app/server';
import { AuditChain } from '../../../main/services/audit/audit-chain';
import { writeExportFile } from '../../../main/services/export/write-export-file';
import { dataDirWithProductionModel, demoSubjects, writeDemoBids } from '../../support/prediction-data';
import { tempDir } from '../../support/temp-dir';
import { serverPerTest } from '../../support/test-server';

const serve = serverPerTest();
let server: RunningServer | undefined;

const ipc = (name: string, input: unknown) => server!.core.dispatcher.call(name, input, { transport: 'ipc' });
const overHttp = async (name: string, input: unknown) => {
  const response = await fetch(`${server!.url}api/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as { code: string; message: string } };
};
const bytesOf = async (route: string) => Buffer.from(await (await fetch(`${server!.url}${route}`)).arrayBuffer());

describe('audit.exportCsv', () => {
  it('writes the bytes of GET /api/audit/export.csv to the chosen file, and is refused over HTTP', async () => {
    const dataDir = tempDir();
    server = await serve(dataDir);
    const chain = new AuditChain(server.core.db, '9.9.9');
    chain.append({ kind: 'prediction', at: Date.UTC(2026, 10, 30, 9), actor: 'tech', payload: { label: 'HC, "calm"' } });
    chain.append({ kind: 'prediction', at: Date.UTC(2026, 10, 30, 10), actor: 'tech', payload: { label: 'MCI' } });
    const target = path.join(tempDir(), 'audit.csv');

    const result = await ipc('audit.exportCsv', { path: target });
    const fromHttp = await bytesOf('api/audit/export.csv');
    expect(result).toEqual({ ok: true, data: { path: target, records: 2, bytes: fromHttp.length } });
    expect(fs.readFileSync(target).equals(fromHttp)).toBe(true);

    const json = path.join(path.dirname(target), 'audit.json');
    const asJson = await ipc('audit.exportCsv', { path: json, format: 'json' });
    expect(asJson).toMatchObject({ ok: true, data: { records: 2 } });
    expect((JSON.parse(fs.readFileSync(json, 'utf8')) as Array<{ hash: string }>).map((r) => r.hash)).toEqual([...chain.all()].map((r) => r.hash));

    const refused = await overHttp('audit.exportCsv', { path: path.join(dataDir, 'x.csv') });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PERMISSION_DENIED');
    expect(refused.body.message).toContain('GET /api/audit/export.csv');
    expect(fs.existsSync(path.join(dataDir, 'x.csv'))).toBe(false);
  });

  it('names a missing folder, a folder given as the file and a file given as the folder, and writes nothing', async () => {
    const dataDir = tempDir();
    server = await serve(dataDir);
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'notes.txt'), 'x');
    const missing = await ipc('audit.exportCsv', { path: path.join(out, 'gone', 'audit.csv') });
    expect(missing).toEqual({ ok: false, error: { code: 'RESOURCE_DOES_NOT_EXIST', message: `The folder ${path.join(out, 'gone')} does not exist. Choose an existing folder.` } });
    const folder = await ipc('audit.exportCsv', { path: out });
    expect(folder).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER_VALUE', message: `${out} is a folder: choose a file name.` } });
    const underFile = await ipc('audit.exportCsv', { path: path.join(out, 'notes.txt', 'audit.csv') });
    expect(underFile).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER_VALUE' } });
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);
  });
});

describe('writeExportFile', () => {
  it('leaves nothing behind, not even its temporary file, when the text fails midway, and keeps an existing file', async () => {
    const out = tempDir();
    const target = path.join(out, 'results.csv');
    fs.writeFileSync(target, 'the earlier export\n');
    async function* failing(): AsyncGenerator<string> {
      yield 'a,b\n';
      throw new Error('the database went away');
    }
    await expect(writeExportFile(target, failing())).rejects.toThrow('the database went away');
    expect(fs.readdirSync(out)).toEqual(['results.csv']);
    expect(fs.readFileSync(target, 'utf8')).toBe('the earlier export\n');
  });
});

describe('predictions.exportCsv', () => {
  it('writes one job, or the filtered history, with the bytes of GET /api/predictions/export.csv; refused over HTTP', async () => {
    const dataDir = await dataDirWithProductionModel(tempDir());
    server = await serve(dataDir);
    const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(2));
    const started = await ipc('predictions.startPath', { path: dataset });
    if (!started.ok) throw new Error(started.error.message);
    const id = (started.data as { id: string }).id;
    let job = started.data as { state: string };
    for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await server.core.dispatcher.invoke('predictions.get', { id }, { transport: 'ipc' })) as { state: string };
    }
    expect(job.state).toBe('completed');
    const out = tempDir();

    const one = await ipc('predictions.exportCsv', { path: path.join(out, 'job.csv'), job: id });
    const jobBytes = await bytesOf(`api/predictions/export.csv?job=${id}`);
    expect(one).toEqual({ ok: true, data: { path: path.join(out, 'job.csv'), rows: 2, bytes: jobBytes.length } });
    expect(fs.readFileSync(path.join(out, 'job.csv')).equals(jobBytes)).toBe(true);

    const from = Date.UTC(2000, 0, 1);
    const history = await ipc('predictions.exportCsv', { path: path.join(out, 'history.csv'), model: 'eeg-classifier', from });
    expect(history).toMatchObject({ ok: true, data: { rows: 2 } });
    expect(fs.readFileSync(path.join(out, 'history.csv')).equals(await bytesOf(`api/predictions/export.csv?model=eeg-classifier&from=${from}`))).toBe(true);
    const none = await ipc('predictions.exportCsv', { path: path.join(out, 'none.csv'), label: 'no-such-label' });
    expect(none).toMatchObject({ ok: true, data: { rows: 0 } });
    expect(fs.readFileSync(path.join(out, 'none.csv'), 'utf8').split('\n')[0]).toMatch(/^job_id,created_at,model/);

    const refused = await overHttp('predictions.exportCsv', { path: path.join(out, 'http.csv'), job: id });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('GET /api/predictions/export.csv');
    const unknown = await ipc('predictions.exportCsv', { path: path.join(out, 'unknown.csv'), job: 'no-such-job' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'RESOURCE_DOES_NOT_EXIST' } });
    expect(fs.readdirSync(out).sort()).toEqual(['history.csv', 'job.csv', 'none.csv']);
  }, 120_000);
});
