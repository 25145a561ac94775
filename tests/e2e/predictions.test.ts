/**
 * The Predictions page on `neuroops serve`: a BIDS zip dropped on the page is uploaded and
 * validated, the production model runs on it, the results, the history and a recording's
 * audit record are shown; a dataset with an error is stopped before anything runs; with no
 * production model the page says how to get one. With NEUROOPS_SCREENSHOTS=1 it writes
 * README.md's docs/screenshots/predictions.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubjects, prepareProductionModel, rewriteSubjectEdf, subjectEdf, TEST_MODEL_NAME, zipDemoBids } from '../support/prediction-data';
import { seriousViolations } from './support/axe';
import { launchBrowser, openPage } from './support/browser';
import { useServeAndBrowser } from './support/session';
import { REPO_ROOT, startServe, type ServeProcess } from './support/server';

/** Drops a zip on the page's drop zone as a drag from the file manager does. */
async function dropZip(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByTestId('dataset-drop-zone').evaluate(
    (zone, file) => {
      const raw = atob(file.base64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i += 1) data[i] = raw.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], file.name, { type: 'application/zip' }));
      for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { name, base64: bytes.toString('base64') },
  );
}

describe('the Predictions page with a production model', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let version: number;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-e2e-predict-'));
    ({ version } = await prepareProductionModel(dataDir));
    serve = await startServe([], {}, { dataDir });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('drops a zip, shows the findings, runs the production model, shows the results, the history and an audit record', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/predictions`);
    await expect.poll(() => page.getByTestId('chosen-model').textContent()).toContain(`${TEST_MODEL_NAME} version ${version} · Production`);
    expect(await page.getByTestId('run-prediction').isDisabled()).toBe(true);

    await dropZip(page, 'cohort.zip', zipDemoBids(3));
    await expect.poll(() => page.getByTestId('validation-summary').textContent(), { timeout: 60_000 }).toMatch(/^cohort\.zip: 3 recordings in \d+ files · 0 errors/);
    // The window's own drop handling (model bundles) did not take the zip too, and its overlay is gone.
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('drop-overlay').isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('run-prediction').isEnabled()).toBe(true);

    await page.getByTestId('run-prediction').click();
    await expect.poll(() => page.url()).toMatch(/#\/predictions\/[^/]+$/);
    const results = page.getByTestId('job-results');
    await expect.poll(() => results.getAttribute('data-state'), { timeout: 120_000, interval: 500 }).toBe('completed');

    const rows = page.getByTestId('result-row');
    expect(await rows.count()).toBe(3);
    for (let i = 0; i < 3; i += 1) {
      expect(await rows.nth(i).getAttribute('data-status')).toBe('ok');
      expect(await rows.nth(i).getByTestId('result-label').textContent()).toMatch(/^(HC|MCI)$/);
      expect(await rows.nth(i).getByRole('progressbar').count()).toBe(2);
    }
    expect(await rows.first().textContent()).toMatch(/epochs kept/);

    // The history lists the job, and the chart counts its three recordings.
    const history = page.getByTestId('history-job');
    await expect.poll(() => history.count()).toBe(1);
    expect(await history.first().textContent()).toContain(`${TEST_MODEL_NAME} v${version}`);
    await expect.poll(() => page.getByTestId('label-counts-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);

    if (process.env.NEUROOPS_SCREENSHOTS) {
      // README's picture of the page: the results, then the history below them.
      // Scrolled to the Results title, clear of the app bar.
      await page.getByText('Results', { exact: true }).evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 72));
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshots', 'predictions.png') });
    }

    // Filtered by the label it predicted, the job stays; by a day before it, it goes.
    const label = (await rows.first().getByTestId('result-label').textContent())!;
    await page.getByTestId('history-label').getByRole('combobox').click();
    await page.getByRole('option', { name: label, exact: true }).click();
    await expect.poll(() => page.getByTestId('history-job').count()).toBe(1);
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2020-01-01');
    await expect.poll(() => page.getByTestId('no-history').isVisible()).toBe(true);
    expect(await page.getByTestId('label-counts-chart').count()).toBe(0);
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('');
    await expect.poll(() => history.count()).toBe(1);

    // The results export has a header and one line per recording.
    const href = await page.getByTestId('export-results').getAttribute('href');
    const csv = await (await fetch(new URL(href!, serve.url))).text();
    expect(csv.trim().split('\n')).toHaveLength(4);

    await rows.first().getByRole('button', { name: /^Details of sub-/ }).click();
    const detail = page.getByTestId('recording-detail');
    await detail.waitFor();
    expect(await page.getByTestId('audit-sequence').textContent()).toMatch(/^\d+$/);
    expect(await page.getByTestId('audit-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('audit-previous-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('audit-kind').textContent()).toBe('prediction');
    const files = page.getByTestId('input-file');
    expect(await files.count()).toBeGreaterThan(0);
    expect(await files.first().textContent()).toMatch(/[0-9a-f]{64}$/);
    await expect.poll(() => page.getByTestId('profile-chart').locator('.recharts-scatter-symbol').count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close' }).click();

    // The results and the history, with the chart's tooltip open, in both themes.
    await page.getByTestId('label-counts-chart').locator('.recharts-bar-rectangle').first().hover();
    await page.getByRole('tooltip').or(page.locator('.recharts-tooltip-wrapper')).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'toggle theme' }).click();
    await page.getByTestId('label-counts-chart').locator('.recharts-bar-rectangle').first().hover();
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('shows a recording refused for missing channels with its reason and no audit record, and flags one outside the training data', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/predictions`);
    await page.getByTestId('chosen-model').waitFor();
    const subjects = demoSubjects(3);
    // sub-01 has a 38 Hz rhythm where the training recordings had alpha; sub-03 (EDF) was recorded without Fp1 and O2.
    subjects[0] = { ...subjects[0]!, alphaHz: 38, alphaUv: 35 };
    await dropZip(page, 'mixed.zip', zipDemoBids(subjects, (dir) => rewriteSubjectEdf(dir, subjects[2]!, { dropChannels: ['Fp1', 'O2'] })));
    await expect.poll(() => page.getByTestId('run-prediction').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('run-prediction').click();
    await expect.poll(() => page.getByTestId('job-results').getAttribute('data-state'), { timeout: 120_000, interval: 500 }).toBe('completed');

    const rows = page.getByTestId('result-row');
    expect(await rows.nth(0).getAttribute('data-status')).toBe('ok');
    expect(await rows.nth(0).getByTestId('ood-flag').textContent()).toMatch(/^out of distributionDriven by power_/);
    expect(await rows.nth(2).getAttribute('data-status')).toBe('failed');
    expect(await rows.nth(2).getByTestId('recording-error').textContent()).toMatch(/channels FP1, O2 missing; the model needs them .*\(FEATURE_SCHEMA_MISMATCH\)$/);
    expect(await page.getByTestId('job-results').textContent()).toContain('1 of 3 recordings failed');

    await rows.nth(2).getByRole('button', { name: 'Details of sub-03 task-rest' }).click();
    await page.getByTestId('recording-detail').waitFor();
    expect(await page.getByTestId('recording-detail').textContent()).toContain('No audit record: the recording was not predicted.');
    await page.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('stops a dataset with a truncated EDF before anything runs, naming the file', async () => {
    const { page } = await openPage(browser, `${serve.url}#/predictions`);
    await page.getByTestId('chosen-model').waitFor();
    const subject = demoSubjects(2).find((s) => s.site.format === 'edf')!;
    const zip = zipDemoBids(2, (dir) => {
      const edf = subjectEdf(dir, subject);
      fs.truncateSync(edf, Math.floor(fs.statSync(edf).size / 2));
    });
    await dropZip(page, 'truncated.zip', zip);
    const errorFinding = page.locator('[data-testid="finding"][data-severity="error"]');
    await expect.poll(() => errorFinding.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await errorFinding.first().textContent()).toContain(`sub-${subject.id}`);
    expect(await page.getByTestId('run-prediction').isDisabled()).toBe(true);
    expect(await page.getByTestId('run-blocker').textContent()).toMatch(/^Fix the (error|\d+ errors) in the dataset first\.$/);
    await page.close();
  });
});

describe('the Predictions page with no production model', () => {
  const session = useServeAndBrowser();

  it('says how to train or promote a model, and an upload that is not a zip is refused with the reason', async () => {
    const { page, errors } = await openPage(session.browser, `${session.serve.url}#/predictions`);
    await expect.poll(() => page.getByTestId('no-production-model').textContent()).toContain('neuroops train');
    expect(await page.getByTestId('no-history').textContent()).toBe('No prediction matches these filters.');
    await page.getByTestId('dataset-drop-zone').evaluate((zone) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['0 1 2'], 'sub-01_eeg.edf'));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByTestId('intake-error').textContent()).toContain('"sub-01_eeg.edf" is not a .zip');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
