import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { REPO_ROOT, startServe, type ServeProcess } from './support/server';

async function startExample(page: Page, params: Record<string, number>): Promise<void> {
  await page.getByTestId('start-flow-button').click();
  const dialog = page.getByRole('dialog', { name: 'Run a flow' });
  await expect.poll(() => dialog.getByTestId('flow-select').inputValue()).toBe('example_pipeline');
  // The form built from the flow's schema, prefilled with its defaults.
  expect(await dialog.getByTestId('param-subjects').inputValue()).toBe('60');
  for (const [key, value] of Object.entries(params)) await dialog.getByTestId(`param-${key}`).fill(String(value));
  await dialog.getByTestId('start-flow-submit').click();
  await expect.poll(() => page.url()).toMatch(/#\/pipelines\/runs\/[0-9a-f]{32}$/);
}

const runState = (page: Page) => page.getByTestId('flow-run-state').getAttribute('data-state');
const trainProgress = async (page: Page) => Number(await page.locator('[data-testid="task-progress"][data-label="train"]').getAttribute('data-progress'));

describe('the Pipelines page', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    serve = await startServe([], { NEUROOPS_WORKERS: '1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('starts the example flow and shows its live progress, timeline and log until it completes', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/pipelines`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pipelines');
    await startExample(page, { repeats: 12, delayMsPerRepeat: 250 });

    await expect.poll(() => runState(page), { timeout: 30_000 }).toBe('Running');
    // Watch the train stage's bar move while it runs: strictly between empty and full.
    await expect.poll(() => trainProgress(page), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await trainProgress(page)).toBeLessThan(1);
    await expect.poll(() => page.getByTestId('task-timeline').getByTestId('gantt-bar').count()).toBeGreaterThan(2);

    await expect.poll(() => runState(page), { timeout: 60_000 }).toBe('Completed');
    expect(await trainProgress(page)).toBe(1);
    await expect.poll(() => page.getByTestId('log-view').textContent()).toContain('mean accuracy over 12 splits');
    // The level filter hides info lines when only errors are asked for.
    await page.getByTestId('log-level-error').click();
    await expect.poll(() => page.getByTestId('log-line').count()).toBe(0);

    await page.getByRole('button', { name: 'All runs' }).click();
    await expect.poll(() => page.getByTestId('flow-run-row').first().getAttribute('data-state')).toBe('Completed');
    expect(await page.getByTestId('flow-run-row').first().textContent()).toContain('repeats=12');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('cancels a running flow from its page, and retries it', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/pipelines`);
    await startExample(page, { repeats: 500, delayMsPerRepeat: 200 });
    await expect.poll(() => trainProgress(page), { timeout: 30_000 }).toBeGreaterThan(0);
    const cancelledUrl = page.url();

    await page.getByTestId('cancel-flow-run').click();
    await expect.poll(() => runState(page), { timeout: 30_000 }).toBe('Cancelled');
    expect(await page.getByTestId('flow-run-message').textContent()).toContain('cancelled by request');
    await expect.poll(() => page.locator('[data-testid="gantt-bar"][data-state="Cancelling"]').count()).toBeGreaterThan(0);

    await page.getByTestId('retry-flow-run').click();
    await expect.poll(() => page.url()).not.toBe(cancelledUrl);
    await expect.poll(() => page.getByTestId('flow-run-summary').textContent()).toContain('retry of');
    await page.getByTestId('cancel-flow-run').click();
    await expect.poll(() => runState(page), { timeout: 30_000 }).toBe('Cancelled');

    await page.getByRole('button', { name: 'All runs' }).click();
    const states = await page.getByTestId('flow-run-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(states).toEqual(['Cancelled', 'Cancelled', 'Completed']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('picks up a run that `neuroops flows run` made in another process', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/pipelines`);
    await expect.poll(() => page.getByTestId('flow-run-row').count()).toBe(3);
    const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'neuroops.mjs'), 'flows', 'run', 'example_pipeline', '--param', 'subjects=24', '--data-dir', serve.dataDir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status).toBe(0);
    await expect.poll(() => page.getByTestId('flow-run-row').count(), { timeout: 15_000 }).toBe(4);
    expect(await page.getByTestId('flow-run-row').first().textContent()).toContain('subjects=24');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts ml_pipeline from stage pickers, shows every task final, and links the flow run and its tracked run both ways', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/pipelines`);
    await page.getByTestId('start-flow-button').click();
    const dialog = page.getByRole('dialog', { name: 'Run a flow' });
    await dialog.getByTestId('flow-select').locator('..').click();
    await page.getByRole('option', { name: /^ml_pipeline/ }).click();
    // Each step offers the catalogue's stages of its kind, prefilled with the first one and its args.
    for (const kind of ['load', 'process', 'train']) await expect.poll(() => dialog.getByTestId(`stage-select-${kind}`).inputValue()).not.toBe('');
    await dialog.getByTestId('stage-select-load').locator('..').click();
    const loadStages = await page.getByRole('option').allTextContents();
    expect(loadStages.length).toBeGreaterThan(0);
    await page.getByRole('option', { name: 'example.synthetic_features' }).click();
    await expect.poll(() => dialog.getByTestId('stage-load').getByTestId('param-subjects').count()).toBe(1);
    await dialog.getByTestId('stage-load').getByTestId('param-subjects').fill('12');
    await dialog.getByTestId('start-flow-submit').click();
    await expect.poll(() => page.url()).toMatch(/#\/pipelines\/runs\/[0-9a-f]{32}$/);
    await expect.poll(() => runState(page), { timeout: 60_000 }).toBe('Completed');
    // Every task shows its final state at 100 %, none left Scheduled.
    const states = () => page.getByTestId('task-timeline').locator('[data-state]').evaluateAll((chips) => chips.filter((c) => c.classList.contains('MuiChip-root')).map((c) => c.getAttribute('data-state')));
    await expect.poll(states).toEqual(['Completed', 'Completed', 'Completed']);
    expect(await page.getByTestId('task-progress').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-progress')))).toEqual(['1', '1', '1']);

    const flowUrl = page.url();
    await page.getByTestId('flow-tracked-run').click();
    await expect.poll(() => page.url()).toMatch(/#\/experiments\/runs\/[0-9a-f]{32}$/);
    await page.getByTestId('run-flow-link').click();
    await expect.poll(() => page.url()).toBe(flowUrl);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a clear error for params that do not fit the flow, and starts nothing', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/pipelines`);
    await page.getByTestId('start-flow-button').click();
    // The form says what is out of bounds before anything is sent...
    await page.getByTestId('param-repeats').fill('0');
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('At least 1.');
    // ...and the JSON box, the advanced way, shows the same params; the server refuses them.
    await page.getByTestId('params-json-mode').click();
    expect(JSON.parse(await page.getByTestId('flow-params').inputValue())).toMatchObject({ repeats: 0, subjects: 60 });
    await page.getByTestId('flow-params').fill('{"repeats": 0}');
    await page.getByTestId('start-flow-submit').click();
    await expect.poll(() => page.getByTestId('start-flow-error').textContent()).toContain('repeats');
    expect(page.url()).toMatch(/#\/pipelines$/);
    // The failed call is shown in the dialog; the console may log the 400 itself.
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.close();
  });
});
