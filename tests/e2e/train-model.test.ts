/**
 * "Train a model" on the Models page: the demo dataset, live progress, the result with the CV chart,
 * and the registered model in the list; a feature table uploaded from the browser, its evaluation
 * charts on the Models page and on the run page, with no serious axe findings.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, toggleThemeAndSettle } from './support/axe';
import { launchBrowser, openPage } from './support/browser';
import { REPO_ROOT, startServe, type ServeProcess } from './support/server';

const TABLE = path.join(REPO_ROOT, 'tests', 'fixtures', 'ml', 'multiclass.csv');

describe('Train a model', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('trains a logistic regression on the demo dataset, shows progress, the CV scores chart and registers the model', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/models`);
    await page.getByRole('combobox', { name: 'Model type' }).click();
    await page.getByRole('option', { name: 'Logistic regression' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.getByTestId('training-progress').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('training-result').isVisible(), { timeout: 170_000, interval: 1000 }).toBe(true);
    const text = await page.getByTestId('training-result').textContent();
    expect(text).toMatch(/Trained a logreg on \d+ features: CV accuracy [\d.]+% ± [\d.]+%, test accuracy [\d.]+%\. Registered as eeg-classifier version 1\./);
    // The charts are read from the train run's artifacts once the result is shown.
    await page.getByTestId('training-charts').waitFor();
    expect(await page.getByRole('img', { name: 'CV scores chart' }).locator('.recharts-bar-rectangle').count()).toBe(5);
    await expect.poll(() => page.getByRole('button', { name: 'eeg-classifier' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 200_000);

  it('uploads a feature table from the browser, trains on it and shows the confusion matrix, ROC curve, importances and CV charts', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/models`);
    await page.getByRole('combobox', { name: 'Data' }).click();
    await page.getByRole('option', { name: 'Feature table (CSV)' }).click();
    await page.getByTestId('training-file').setInputFiles(TABLE);
    expect(await page.getByTestId('training-file-name').textContent()).toBe('multiclass.csv');
    await page.getByRole('textbox', { name: 'Label column' }).fill('label');
    await page.getByRole('combobox', { name: 'Model type' }).click();
    await page.getByRole('option', { name: 'Logistic regression' }).click();
    await page.getByRole('spinbutton', { name: 'Search budget (candidates)' }).fill('2');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.getByTestId('training-result').isVisible(), { timeout: 110_000, interval: 500 }).toBe(true);
    expect(await page.getByTestId('training-result').textContent()).toMatch(/Trained a logreg on 6 features/);

    // The charts, read from the train run's JSON artifacts.
    await page.getByTestId('training-charts').waitFor();
    const result = page.getByTestId('training-result');
    const matrix = result.getByRole('table', { name: 'Confusion matrix' });
    expect(await matrix.locator('tbody tr').count()).toBe(3);
    expect(await matrix.locator('tbody td').count()).toBe(9);
    // One ROC curve per class (three classes, one against the rest each).
    expect(await result.getByRole('img', { name: 'ROC curve chart' }).locator('.recharts-line').count()).toBe(3);
    expect(await result.getByRole('img', { name: 'Feature importance chart' }).locator('.recharts-bar-rectangle').count()).toBe(6);
    expect(await result.getByRole('img', { name: 'Permutation importance chart' }).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await result.getByRole('img', { name: 'CV scores chart' }).locator('.recharts-bar-rectangle').count()).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);

    // The same charts on the train run's page, and an empty state on a run without them.
    await page.getByTestId('training-run-link').click();
    await page.getByTestId('tab-evaluation').click();
    const detail = page.getByTestId('run-detail');
    await detail.getByTestId('training-charts').waitFor();
    expect(await detail.getByRole('table', { name: 'Confusion matrix' }).locator('tbody tr').count()).toBe(3);
    expect(await detail.getByRole('img', { name: 'ROC curve chart' }).locator('.recharts-line').count()).toBe(3);
    expect(await detail.getByRole('img', { name: 'Permutation importance chart' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // The shaded cells keep their contrast in the dark theme too.
    await toggleThemeAndSettle(page);
    expect(await seriousViolations(page)).toEqual([]);
    // The flow's parent run logged no charts: the tab says so.
    await detail.getByRole('button', { name: /^[0-9a-f]{8}$/ }).first().click();
    await page.getByTestId('tab-evaluation').click();
    await expect.poll(() => page.getByTestId('training-charts-empty').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 150_000);
});
