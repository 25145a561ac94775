/**
 * A `features` run started from the Pipelines page on the demo dataset, and its
 * detail: the quality of each recording, the band-power profile of the two groups
 * and the topographic map of a band over the 10-05 positions.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './support/browser';
import { REPO_ROOT } from './support/server';
import { useServeAndBrowser } from './support/session';

const DEMO = path.join(REPO_ROOT, 'resources', 'demo', 'bids');
/** Set NEUROOPS_SCREENSHOTS=1 to (re)write docs/ui.md's picture of a features run. */
const SCREENSHOT = process.env.NEUROOPS_SCREENSHOTS ? path.join(REPO_ROOT, 'docs', 'screenshots', 'features-results.png') : null;

async function chooseOption(page: Page, selectTestId: string, name: string | RegExp): Promise<void> {
  await page.getByTestId(selectTestId).locator('..').click();
  await page.getByRole('option', { name }).click();
}

const electrodeValues = (page: Page) => page.getByTestId('topomap-electrode').evaluateAll((dots) => dots.map((d) => Number(d.getAttribute('data-value'))));

describe('a features run in the Pipelines page', () => {
  const session = useServeAndBrowser();

  it('runs features on the demo dataset and shows quality, the band-power profile by group and a topomap', async () => {
    const { page, errors } = await openPage(session.browser, `${session.serve.url}#/pipelines`);
    await page.getByTestId('start-flow-button').click();
    const dialog = page.getByRole('dialog', { name: 'Run a flow' });
    await chooseOption(page, 'flow-select', /^features/);
    await dialog.getByTestId('param-dataset').fill(DEMO);
    await dialog.getByTestId('start-flow-submit').click();
    await expect.poll(() => page.url()).toMatch(/#\/pipelines\/runs\/[0-9a-f]{32}$/);
    await expect.poll(() => page.getByTestId('flow-run-state').getAttribute('data-state'), { timeout: 90_000 }).toBe('Completed');

    // Quality: the six recordings, each in the table with 12 epochs of 5 s examined.
    const rows = page.getByTestId('features-quality-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(6);
    expect(await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-in-table')))).toEqual(['true', 'true', 'true', 'true', 'true', 'true']);
    expect(await rows.first().textContent()).toContain('sub-01/eeg/sub-01_task-rest_eeg.edf');
    expect(await rows.first().textContent()).toMatch(/\d+ of 12/);
    expect(await page.getByTestId('features-quality-error').count()).toBe(0);

    // The profile: one line per group of participants.tsv, over the spec's eight bands.
    const chart = page.getByTestId('band-power-chart');
    expect(await chart.getAttribute('data-series')).toBe('HC,ACr');
    await expect.poll(() => chart.locator('.recharts-line').count()).toBe(2);
    expect(await chart.locator('.recharts-legend-item').allTextContents()).toEqual(['HC (n=3)', 'ACr (n=3)']);
    await expect.poll(() => chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).toEqual(['Delta', 'Theta', 'Alpha-1', 'Alpha-2', 'Beta1', 'Beta2', 'Beta3', 'Gamma']);
    await chooseOption(page, 'band-power-channel', 'O1');
    await expect.poll(() => chart.getAttribute('data-channel')).toBe('O1');

    // The topomap: the 19 channels at their 10-05 positions, relative powers (fractions) coloured over an interpolated head.
    const map = page.getByTestId('topomap');
    await expect.poll(() => page.getByTestId('topomap-electrode').count()).toBe(19);
    expect(await page.getByTestId('topomap-grid').locator('path').count()).toBeGreaterThan(10);
    const delta = await electrodeValues(page);
    expect(delta.every((v) => v > 0 && v < 1)).toBe(true);
    const fp1 = await page.locator('[data-testid="topomap-electrode"][data-channel="FP1"]').boundingBox();
    const o1 = await page.locator('[data-testid="topomap-electrode"][data-channel="O1"]').boundingBox();
    expect(fp1!.y).toBeLessThan(o1!.y); // nose up
    expect(await page.getByTestId('topomap-scale').textContent()).toContain('relative power');
    await chooseOption(page, 'topomap-band', /^Alpha-1/);
    await expect.poll(() => map.getAttribute('data-band')).toBe('Alpha-1');
    expect(await electrodeValues(page)).not.toEqual(delta);
    await chooseOption(page, 'topomap-group', /^ACr/);
    await expect.poll(() => map.getAttribute('data-series')).toBe('ACr');

    if (SCREENSHOT) {
      // Tall enough that the results need no scrolling, so the sticky app bar does not cover them.
      await page.setViewportSize({ width: 1400, height: 2000 });
      await page.getByTestId('features-results').screenshot({ path: SCREENSHOT });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
