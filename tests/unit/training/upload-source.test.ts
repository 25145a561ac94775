/**
 * Training on an upload, the way a browser does it: a BIDS zip or a feature
 * table is sent to POST /api/uploads, then training.startUpload names its id
 * (over HTTP, where training.start with a path on the server is refused).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../main/app/server';
import { demoDatasetFiles } from '../../../pipelines/demo/bids-files';
import { demoCohort } from '../../../pipelines/demo/cohort';
import { serverPerTest } from '../../support/test-server';
import { buildZip } from '../zip/support/zip-writer';

const TABLE = path.join(__dirname, '../../fixtures/ml/multiclass.csv');

const serve = serverPerTest();

async function rpc(s: RunningServer, name: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${s.url}api/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function upload(s: RunningServer, fileName: string, type: string, bytes: Buffer): Promise<string> {
  const response = await fetch(`${s.url}api/uploads?fileName=${fileName}`, { method: 'POST', headers: { 'Content-Type': type }, body: new Uint8Array(bytes) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe('training on an upload over HTTP', () => {
  it('trains on an uploaded feature table and refuses training.start with a server path', async () => {
    const s = await serve();
    const refused = await rpc(s, 'training.start', { source: { kind: 'features', path: TABLE }, label: 'label' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('training.startUpload');

    const uploadId = await upload(s, 'table.csv', 'text/csv', fs.readFileSync(TABLE));
    const started = await rpc(s, 'training.startUpload', { uploadId, label: 'label', model: 'logreg', cv: 3, register: 'from-upload' });
    expect(started.status).toBe(200);
    const flowRunId = (started.body as { flowRun: { flowRunId: string } }).flowRun.flowRunId;
    const status = await s.core.services.training.waitFor(flowRunId);
    expect(status.flowRun.state).toBe('Completed');
    expect(status.source).toBe(path.join(s.core.dataDir, 'uploads', uploadId, 'dataset', 'table.csv'));
    expect(status.result!.classes).toEqual(['0', '1', '2']);
    expect(status.modelVersion).toMatchObject({ name: 'from-upload', version: 1 });

    const missing = await rpc(s, 'training.startUpload', { uploadId: 'ds-00000000-0000-0000-0000-000000000000' });
    expect(missing.status).toBe(404);
  }, 120_000);

  it('trains on an uploaded BIDS zip (12 subjects of the demo cohort) with participants.tsv\'s group', async () => {
    const s = await serve();
    const entries = [...demoDatasetFiles(demoCohort(7, 12))].map((f) => ({ name: `small-bids/${f.path}`, data: Buffer.from(f.bytes), method: 8 as const }));
    const uploadId = await upload(s, 'small-bids.zip', 'application/zip', buildZip(entries));
    const started = await s.core.dispatcher.invoke('training.start', { source: { kind: 'upload', uploadId }, model: 'logreg', cv: 2, register: null });
    const status = await s.core.services.training.waitFor(started.flowRun.flowRunId);
    expect(status.flowRun.state, status.flowRun.stateMessage ?? '').toBe('Completed');
    expect(status.source).toBe(path.join(s.core.dataDir, 'uploads', uploadId, 'dataset', 'small-bids'));
    expect(status.result!.classes).toEqual(['HC', 'MCI']);
    expect(status.result!.cv.scores).toHaveLength(2);
  }, 240_000);
});
