import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MODEL_METADATA, MODEL_ONNX } from '../unit/registry/support';
import { mlflow } from './support/api';
import { openPage } from './support/browser';
import { startServe, type ServeProcess } from './support/server';
import { useServeAndBrowser } from './support/session';

let remote: ServeProcess | undefined;
let runId = '';
afterAll(async () => {
  await remote?.stop();
});

async function putArtifact(serve: ServeProcess, artifactUri: string, file: string, data: Buffer | string): Promise<void> {
  const root = artifactUri.replace(/^mlflow-artifacts:\/*/, '');
  const response = await fetch(`${serve.url}api/2.0/mlflow-artifacts/artifacts/${root}/${file}`, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: typeof data === 'string' ? data : new Uint8Array(data) });
  expect(response.ok).toBe(true);
}

describe('sync in the interface: Settings, and the status of runs and models', () => {
  const session = useServeAndBrowser(async ({ serve }) => {
    remote = await startServe();
    const run = (await mlflow(serve, 'runs/create', { experiment_id: '0', run_name: 'night 1', start_time: 1 })).run.info;
    runId = run.run_id;
    await mlflow(serve, 'runs/log-batch', { run_id: runId, metrics: [{ key: 'kappa', value: 0.7, timestamp: 1, step: 0 }], params: [{ key: 'montage', value: '10-20' }] });
    await putArtifact(serve, run.artifact_uri, 'model/model.onnx', fs.readFileSync(MODEL_ONNX));
    await putArtifact(serve, run.artifact_uri, 'model/neuroops.json', JSON.stringify(MODEL_METADATA));
    await mlflow(serve, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: 2 });
    await mlflow(serve, 'registered-models/create', { name: 'stager' });
    await mlflow(serve, 'model-versions/create', { name: 'stager', source: `runs:/${runId}/model`, run_id: runId });
  });

  it('sets the remote, tests the connection, pushes, and shows synced then pending on the run (its page and the runs table) and synced on the model', async () => {
    const remoteUrl = remote!.url.replace(/\/$/, '');
    const before = await openPage(session.browser, `${session.serve.url}#/experiments`);
    await expect.poll(() => before.page.getByTestId('run-row').count()).toBe(1);
    expect(await before.page.locator('[data-column="sync"]').count()).toBe(0);
    expect(before.errors).toEqual([]);
    await before.page.close();
    const { page, errors } = await openPage(session.browser, `${session.serve.url}#/settings`);
    await page.getByTestId('sync-uri').fill(remoteUrl);
    await page.getByTestId('sync-save').click();
    await expect.poll(() => page.getByTestId('sync-notice').textContent()).toBe('Sync settings saved.');
    expect(await page.getByTestId('sync-credentials').textContent()).toContain('none');
    await page.getByTestId('sync-test').click();
    await expect.poll(() => page.getByTestId('sync-notice').textContent()).toContain(`Connected to ${remoteUrl}`);
    await page.getByTestId('sync-push').click();
    await expect.poll(() => page.getByTestId('sync-notice').textContent(), { timeout: 30_000 }).toBe('Pushed 1 runs (1 metric points, 2 files) and 1 models.');
    await expect.poll(() => page.getByTestId('sync-overall').textContent()).toContain('Runs 1 synced, 0 pending, 0 failed · models 1 synced, 0 pending, 0 failed');

    await page.goto(`${session.serve.url}#/experiments`);
    await page.reload();
    const runsTableChip = page.locator(`[data-testid="run-row"][data-run-id="${runId}"] [data-column="sync"] [data-testid="sync-status"]`);
    await expect.poll(() => runsTableChip.getAttribute('data-state')).toBe('synced');
    expect(await runsTableChip.getAttribute('title')).toBe(`synced with ${remoteUrl}`);
    await page.goto(`${session.serve.url}#/experiments/runs/${runId}`);
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-state')).toBe('synced');
    await page.goto(`${session.serve.url}#/models/stager`);
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-state')).toBe('synced');

    await mlflow(session.serve, 'runs/log-metric', { run_id: runId, key: 'kappa', value: 0.75, timestamp: 3, step: 1 });
    await page.goto(`${session.serve.url}#/experiments/runs/${runId}`);
    await page.reload();
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-state')).toBe('pending');
    expect(await page.getByTestId('sync-status').textContent()).toBe('sync pending');
    await page.goto(`${session.serve.url}#/experiments`);
    await page.reload();
    await expect.poll(() => runsTableChip.getAttribute('data-state')).toBe('pending');
    expect(errors).toEqual([]);
    await page.close();
  });
});
