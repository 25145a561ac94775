/** "Train a model" on the Models page: the demo dataset, live progress, the result with the CV chart, and the registered model in the list. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { startServe, type ServeProcess } from './support/server';

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
    expect(await page.getByRole('img', { name: 'CV scores chart' }).locator('.recharts-bar-rectangle').count()).toBe(5);
    await expect.poll(() => page.getByRole('button', { name: 'eeg-classifier' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 200_000);
});
