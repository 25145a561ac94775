import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflow, rpc } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import { REPO_ROOT, startServe, type ServeProcess } from './support/server';

const MODEL_ONNX = path.join(REPO_ROOT, 'tests', 'fixtures', 'registry', 'classifier.onnx');

/** What an MLflow training script does: a run with a metric and an ONNX model directory, registered as a version. */
async function registerTrainedVersion(serve: ServeProcess, name: string, accuracy: number): Promise<void> {
  const runId = (await mlflow(serve, 'runs/create', { experiment_id: '0', run_name: `train ${accuracy}` })).run.info.run_id;
  await mlflow(serve, 'runs/log-metric', { run_id: runId, key: 'accuracy', value: accuracy, timestamp: Date.now() });
  const put = await fetch(`${serve.url}api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/model/model.onnx`, { method: 'PUT', body: new Uint8Array(fs.readFileSync(MODEL_ONNX)) });
  expect(put.status).toBe(200);
  await mlflow(serve, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  await mlflow(serve, 'model-versions/create', { name, source: `runs:/${runId}/model`, run_id: runId });
}

describe('the Models page', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    await mlflow(serve, 'registered-models/create', { name: 'sleep-stager', description: 'Sleep stages from band powers' });
    await registerTrainedVersion(serve, 'sleep-stager', 0.81);
    await registerTrainedVersion(serve, 'sleep-stager', 0.87);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('promotes with a reason, shows the history, exports a bundle and imports it back', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/models`);
    await page.getByRole('button', { name: 'sleep-stager' }).click();
    await expect.poll(() => page.getByTestId('version-row-2').isVisible()).toBe(true);

    const promote = async (version: number, reason: string): Promise<void> => {
      await page.getByTestId(`promote-${version}`).click();
      await page.getByTestId('promote-reason').fill(reason);
      await page.getByRole('checkbox', { name: 'confirm promotion' }).check();
      await page.getByTestId('confirm-promote').click();
      await expect.poll(() => page.getByTestId('model-notice').textContent()).toContain(`v${version} is now in production`);
    };

    await promote(1, 'Baseline for the pilot study');
    // The dialog compares the candidate with production side by side before asking for a reason.
    await page.getByTestId('promote-2').click();
    const comparison = page.getByTestId('compare-accuracy');
    await expect.poll(() => comparison.textContent()).toBe('accuracy0.870.81');
    await expect.poll(() => page.getByTestId('confirm-promote').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await promote(2, 'Better accuracy on site B');

    await expect.poll(() => page.getByTestId('stage-2').textContent()).toBe('Production');
    await expect.poll(() => page.getByTestId('stage-1').textContent()).toBe('Archived');
    const history = page.getByTestId('history-row');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.first().textContent()).toContain('v1 → v2');
    expect(await history.first().textContent()).toContain('Better accuracy on site B');
    expect(await history.first().textContent()).toContain('accuracy 0.81 → 0.87');
    expect(await history.nth(1).textContent()).toContain('Baseline for the pilot study');

    // Aliases follow MLflow's rules: "latest" is refused with the core's reason, "champion" is set.
    await page.getByTestId('add-alias-1').click();
    await page.getByTestId('alias-name').fill('latest');
    await page.getByTestId('alias-save').click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('"latest" is reserved');
    await page.getByTestId('alias-name').fill('champion');
    await page.getByTestId('alias-save').click();
    await expect.poll(() => page.getByTestId('version-row-1').textContent()).toContain('@champion');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-2').click()]);
    expect(download.suggestedFilename()).toBe('sleep-stager-v2.zip');
    const zipFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bundle-')), 'bundle.zip');
    await download.saveAs(zipFile);
    const names = new AdmZip(zipFile).getEntries().map((e) => e.entryName).sort();
    expect(names).toEqual(['MLmodel', 'README.md', 'checksums.sha256', 'input_example.json', 'model.onnx', 'neuroops.json']);

    // A gate on accuracy: promoting the worse v1 now needs an override reason.
    await page.getByTestId('gate-metric').fill('accuracy');
    await page.getByTestId('gate-save').click();
    await page.getByTestId('promote-1').click();
    await expect.poll(() => page.getByTestId('gate-warning').textContent()).toContain('accuracy is 0.81 against production\'s 0.87');
    await page.getByTestId('promote-reason').fill('Smaller model');
    await page.getByRole('checkbox', { name: 'confirm promotion' }).check();
    expect(await page.getByTestId('confirm-promote').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Setting the gate is in the history, with who set it.
    await expect.poll(() => history.count()).toBe(3);
    expect(await history.first().textContent()).toContain('Promotion gate set: accuracy, higher is better');

    // A rollback takes a reason, like a promotion; the button waits for one.
    await page.getByTestId('rollback').click();
    expect(await page.getByTestId('confirm-rollback').isDisabled()).toBe(true);
    await page.getByTestId('rollback-reason').fill('v2 mislabels site A recordings');
    await page.getByTestId('confirm-rollback').click();
    await expect.poll(() => page.getByTestId('stage-1').textContent()).toBe('Production');
    await expect.poll(() => history.count()).toBe(4);
    expect(await history.first().textContent()).toContain('v2 mislabels site A recordings');

    // Import the exported bundle back from the list page: it becomes version 3.
    await page.getByRole('button', { name: 'All models' }).click();
    await page.getByTestId('bundle-file-input').setInputFiles(zipFile);
    await expect.poll(() => page.getByTestId('import-outcome').textContent(), { timeout: 30_000 }).toContain('Imported sleep-stager as version 3');
    await page.getByRole('button', { name: 'sleep-stager' }).click();
    await expect.poll(() => page.getByTestId('version-row-3').isVisible()).toBe(true);

    // The refused alias answered 400, which the browser logs as a console error by itself.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('refuses a damaged bundle with a clear error and registers nothing', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/models`);
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bundle-')), 'broken.zip');
    fs.writeFileSync(broken, 'PK\u0003\u0004 this is not really a zip');
    await page.getByTestId('bundle-file-input').setInputFiles(broken);
    await expect.poll(() => page.getByTestId('import-outcome').textContent(), { timeout: 30_000 }).toContain('The bundle was refused');
    // A zip that is not a bundle is refused under the name of the file the user chose.
    const notBundle = path.join(path.dirname(broken), 'my-model.zip');
    const zip = new AdmZip();
    zip.addFile('readme.txt', Buffer.from('not a model'));
    zip.writeZip(notBundle);
    await page.getByTestId('bundle-file-input').setInputFiles(notBundle);
    await expect.poll(() => page.getByTestId('import-outcome').textContent(), { timeout: 30_000 }).toContain('my-model.zip has no neuroops.json');
    expect(await page.getByTestId('import-outcome').textContent()).not.toMatch(/bundle-[0-9a-f]{8}-/);
    const { models } = await (await fetch(`${serve.url}api/rpc/registry.listModels`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
    expect(models.map((m: { name: string; versionCount: number }) => `${m.name}:${m.versionCount}`)).toEqual(['sleep-stager:3']);
    // The failed upload answered 4xx, which the browser logs as a console error by itself.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it("registers a run's model folder from its artifacts as a new version, and shows the run by name and id tail", async () => {
    const runId: string = (await mlflow(serve, 'runs/create', { experiment_id: '0', run_name: 'eegnet-final' })).run.info.run_id;
    const put = await fetch(`${serve.url}api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/exported/model.onnx`, { method: 'PUT', body: new Uint8Array(fs.readFileSync(MODEL_ONNX)) });
    expect(put.status).toBe(200);
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments/runs/${runId}`);
    await page.getByTestId('tab-artifacts').click();
    expect(await page.getByTestId('register-model').isDisabled()).toBe(true);
    await page.locator('[data-testid="artifact-entry"][data-path="exported"]').click();
    await page.getByTestId('register-model').click();
    await page.getByTestId('register-model-name').fill('sleep-stager');
    await page.getByTestId('register-model-submit').click();
    await expect.poll(() => page.getByTestId('registered-model').textContent()).toContain('Registered as sleep-stager version');
    const version = Number(/version (\d+)/.exec((await page.getByTestId('registered-model').textContent())!)![1]);
    await expect.poll(() => page.getByTestId('run-model-version').textContent()).toBe(`sleep-stager v${version}`);

    await page.getByRole('button', { name: 'Open model' }).click();
    const link = page.getByTestId(`version-row-${version}`).getByTestId('version-run');
    await expect.poll(() => link.textContent()).toBe(`eegnet-final · …${runId.slice(-8)}`);
    // Every version's run shows a different tail, though the ids share their first characters.
    const tails = await page.getByTestId('version-run').evaluateAll((links) => links.map((l) => l.textContent!.split('…')[1]));
    expect(new Set(tails).size).toBe(tails.length);
    await link.click();
    await expect.poll(() => page.url()).toContain(`#/experiments/runs/${runId}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an unknown model as missing, with the way back and no command lines', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/models/no-such-model`);
    await expect.poll(() => page.getByTestId('not-found').textContent()).toContain('The model "no-such-model" does not exist');
    expect(await page.locator('main').textContent()).not.toMatch(/neuroops /);
    await page.getByTestId('not-found-back').click();
    await expect.poll(() => page.getByRole('button', { name: 'sleep-stager' }).isVisible()).toBe(true);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('keeps a deleted model in the audit trail, marked deleted, with who deleted it', async () => {
    await mlflow(serve, 'registered-models/create', { name: 'scratch-model' });
    await registerTrainedVersion(serve, 'scratch-model', 0.5);
    await rpc(serve, 'registry.promote', { name: 'scratch-model', version: 1, reason: 'quick test' });
    await mlflow(serve, 'registered-models/delete', { name: 'scratch-model' }, 'DELETE');
    const { page, errors } = await openPage(browser, `${serve.url}#/models`);
    const trail = page.getByTestId('audit-trail');
    const rows = trail.getByTestId('history-row').filter({ hasText: 'scratch-model' });
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.first().textContent()).toMatch(/scratch-modeldeleted.*delete.*v1 → none.*mlflow-client/);
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/scratch-modeldeleted.*promote.*none → v1.*quick test/);
    expect(await page.getByRole('button', { name: 'scratch-model' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('deletes a model from its page only once its name is typed back, with the reason in the audit trail', async () => {
    await mlflow(serve, 'registered-models/create', { name: 'pilot-model' });
    await registerTrainedVersion(serve, 'pilot-model', 0.6);
    const { page, errors } = await openPage(browser, `${serve.url}#/models`);
    await page.getByRole('button', { name: 'pilot-model' }).click();
    await page.getByTestId('delete-model').click();
    await page.getByTestId('delete-reason').fill('pilot study ended');
    expect(await page.getByTestId('confirm-delete-model').isDisabled()).toBe(true);
    await page.getByTestId('delete-confirm-name').fill('pilot-mode');
    expect(await page.getByTestId('confirm-delete-model').isDisabled()).toBe(true);
    await page.getByTestId('delete-confirm-name').fill('pilot-model');
    await page.getByTestId('confirm-delete-model').click();

    // Back on the list: the model is gone, its deletion heads the audit trail.
    const row = page.getByTestId('audit-trail').getByTestId('history-row').filter({ hasText: 'pilot-model' });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.first().textContent()).toMatch(/pilot-modeldeleted.*delete.*pilot study ended/);
    expect(await page.getByRole('button', { name: 'pilot-model' }).count()).toBe(0);
    const { models } = await rpc(serve, 'registry.listModels', {});
    expect((models as Array<{ name: string }>).map((m) => m.name)).not.toContain('pilot-model');
    expect(errors).toEqual([]);
    await page.close();
  });
});
