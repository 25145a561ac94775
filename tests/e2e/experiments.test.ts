import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { mlflow, rpc } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import { REPO_ROOT, startServe, type ServeProcess } from './support/server';

const MODEL_ONNX = path.join(REPO_ROOT, 'tests', 'fixtures', 'registry', 'classifier.onnx');

/** What a training script does over MLflow's REST API: params, a 300-step history, a final status. */
async function trainingRun(serve: ServeProcess, experimentId: string, name: string, model: string, finalAcc: number, parent?: string): Promise<string> {
  const tags = parent ? [{ key: 'mlflow.parentRunId', value: parent }] : [];
  const runId: string = (await mlflow(serve, 'runs/create', { experiment_id: experimentId, run_name: name, start_time: Date.now(), tags })).run.info.run_id;
  const metrics = [];
  for (let step = 0; step < 300; step += 1) {
    metrics.push({ key: 'acc', value: finalAcc * (1 - Math.exp(-step / 60)), timestamp: Date.now(), step });
    metrics.push({ key: 'loss', value: Math.exp(-step / 80), timestamp: Date.now(), step });
  }
  for (let i = 0; i < metrics.length; i += 1000) {
    await mlflow(serve, 'runs/log-batch', { run_id: runId, metrics: metrics.slice(i, i + 1000), params: i === 0 ? [{ key: 'model', value: model }, { key: 'epochs', value: '30' }] : [] });
  }
  await mlflow(serve, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  return runId;
}

const rowNames = (page: Page) => page.getByTestId('run-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-name')));

describe('the Experiments page', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let parentId: string;
  let experimentId: string;
  const csvRunIds = { baseline: '' };

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    experimentId = (await mlflow(serve, 'experiments/create', { name: 'motor-imagery' })).experiment_id;
    parentId = await trainingRun(serve, experimentId, 'cv-sweep', 'eegnet', 0.9);
    await trainingRun(serve, experimentId, 'fold-1', 'eegnet', 0.85, parentId);
    await trainingRun(serve, experimentId, 'fold-2', 'eegnet', 0.88, parentId);
    csvRunIds.baseline = await trainingRun(serve, experimentId, 'csp-baseline', 'csp-lda', 0.7);
    const put = await fetch(`${serve.url}api/2.0/mlflow-artifacts/artifacts/${experimentId}/${parentId}/artifacts/eval/confusion.csv`, {
      method: 'PUT',
      body: 'class,left,right\nleft,40,10\nright,8,42\n',
    });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('lists runs with nested runs under their parent, and filters them with the MLflow grammar', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments`);
    await page.getByTestId('experiment-item').filter({ hasText: 'motor-imagery' }).click();
    await expect.poll(() => rowNames(page)).toHaveLength(4);
    const depths = await page.getByTestId('run-row').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-run-name'), r.getAttribute('data-depth')])));
    expect(depths).toEqual({ 'cv-sweep': '0', 'fold-1': '1', 'fold-2': '1', 'csp-baseline': '0' });

    await page.getByTestId('run-filter').fill("metrics.acc > 0.8 AND params.model = 'eegnet'");
    await page.getByTestId('run-filter').press('Enter');
    await expect.poll(async () => (await rowNames(page)).sort()).toEqual(['cv-sweep', 'fold-1', 'fold-2']);

    await page.getByTestId('run-filter').fill('metrics.acc >');
    await page.getByTestId('run-filter').press('Enter');
    await expect.poll(() => page.getByText(/position 14/).count()).toBeGreaterThan(0);

    await page.getByTestId('run-filter').fill("params.model = 'csp-lda'");
    await page.getByTestId('run-filter').press('Enter');
    await expect.poll(() => rowNames(page)).toEqual(['csp-baseline']);
    await page.getByTestId('run-filter').fill('');
    await page.getByTestId('run-filter').press('Enter');
    await expect.poll(() => rowNames(page)).toHaveLength(4);

    // The experiment's most common metrics and params are columns without picking any.
    const headers = () => page.getByTestId('run-column-header').evaluateAll((hs) => hs.map((h) => h.textContent));
    await expect.poll(headers).toEqual(expect.arrayContaining(['acc', 'loss', 'epochs', 'model']));
    await page.getByTestId('column-chooser').click();
    await page.locator('[data-testid="column-option"][data-column="metric:loss"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(headers).not.toContain('loss');
    // Sorted on the server, by a click on the header.
    await page.locator('[data-sort-key="metrics.`acc`"]').click();
    await expect.poll(async () => (await rowNames(page))[0]).toBe('cv-sweep');
    // The malformed filter's 400 is logged by Chromium itself; it is the only error allowed.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('opens on the most recently active experiment and keeps experiment, filter, sort and columns in the URL across a reload', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments`);
    // Not the empty Default experiment: the one whose runs are newest.
    await expect.poll(() => rowNames(page)).toHaveLength(4);
    const item = page.getByTestId('experiment-item').filter({ hasText: 'motor-imagery' });
    expect(await item.getAttribute('class')).toContain('Mui-selected');
    expect(await item.getByTestId('experiment-run-count').textContent()).toBe('4 runs');
    expect(await page.getByTestId('experiment-item').filter({ hasText: 'Default' }).getByTestId('experiment-run-count').textContent()).toBe('0 runs');
    await page.getByTestId('experiment-search').fill('MOTOR');
    await expect.poll(() => page.getByTestId('experiment-item').count()).toBe(1);
    await page.getByTestId('experiment-search').fill('');

    await page.getByTestId('run-filter').fill('metrics.acc > 0.5');
    await page.getByTestId('run-filter').press('Enter');
    await page.locator('[data-sort-key="metrics.`acc`"]').click();
    await page.locator('[data-sort-key="metrics.`acc`"]').click();
    await page.getByTestId('column-chooser').click();
    await page.locator('[data-testid="column-option"][data-column="param:epochs"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => rowNames(page)).toEqual(['csp-baseline', 'cv-sweep', 'fold-1', 'fold-2']);
    const url = page.url();
    expect(decodeURIComponent(url)).toContain('filter=metrics.acc+>+0.5');

    await page.reload();
    await expect.poll(() => rowNames(page)).toEqual(['csp-baseline', 'cv-sweep', 'fold-1', 'fold-2']);
    expect(await page.getByTestId('run-filter').inputValue()).toBe('metrics.acc > 0.5');
    expect(await page.locator('[data-sort-key="metrics.`acc`"]').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('[data-sort-key="params.`epochs`"]').count()).toBe(0);
    expect(await page.locator('[data-sort-key="params.`model`"]').count()).toBe(1);
    expect(page.url()).toBe(url);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reaches column headers and run rows with Tab: Enter sorts a column and opens a run', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments?exp=${experimentId}`);
    await expect.poll(() => rowNames(page)).toHaveLength(4);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-sort-key') ?? document.activeElement?.getAttribute('data-run-name') ?? '');
    // Tab from the filter box onwards until the Started header has focus.
    await page.getByTestId('run-filter').focus();
    for (let i = 0; i < 40 && (await focused()) !== 'attributes.start_time'; i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('attributes.start_time');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-sort-key="attributes.start_time"]').getAttribute('aria-sort')).toBe('descending');
    for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'run-row')); i += 1) await page.keyboard.press('Tab');
    const name = await focused();
    expect(['cv-sweep', 'fold-1', 'fold-2', 'csp-baseline']).toContain(name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('run-name').textContent()).toBe(name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so when a run does not exist, with the way back and no command lines', async () => {
    const { page } = await openPage(browser, `${serve.url}#/experiments/runs/0123456789abcdef`);
    await expect.poll(() => page.getByTestId('not-found').textContent()).toContain('does not exist');
    expect(await page.getByTestId('not-found').textContent()).not.toMatch(/neuroops /);
    await page.getByTestId('not-found-back').click();
    await expect.poll(() => rowNames(page)).toHaveLength(4);
    await page.close();
  });

  it("shows a run's params, its metric charts and its artifacts", async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments/runs/${parentId}`);
    await expect.poll(() => page.getByTestId('run-params').textContent()).toContain('eegnet');
    await page.getByTestId('tab-charts').click();
    await expect.poll(() => page.getByTestId('metric-chart').count()).toBe(2);
    const acc = page.locator('[data-testid="metric-chart"][data-metric="acc"]');
    await expect.poll(() => acc.getAttribute('data-points')).toBe('300');
    await expect.poll(() => acc.locator('path.recharts-line-curve').count()).toBe(1);
    await page.getByTestId('axis-time').click();
    await expect.poll(() => acc.locator('path.recharts-line-curve').count()).toBe(1);

    await page.getByTestId('tab-artifacts').click();
    await page.locator('[data-testid="artifact-entry"][data-path="eval"]').click();
    await page.locator('[data-testid="artifact-entry"][data-path="eval/confusion.csv"]').click();
    const preview = page.getByTestId('artifact-preview');
    await expect.poll(() => preview.getAttribute('data-kind')).toBe('table');
    await expect.poll(() => preview.locator('td').allTextContents()).toContain('42');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('artifact-download').click()]);
    expect(download.suggestedFilename()).toBe('confusion.csv');
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe('class,left,right\nleft,40,10\nright,8,42\n');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compares two runs: overlaid charts and a diff that marks what differs', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments`);
    await page.getByTestId('experiment-item').filter({ hasText: 'motor-imagery' }).click();
    await expect.poll(() => rowNames(page)).toHaveLength(4);
    await page.getByRole('checkbox', { name: 'compare cv-sweep' }).check();
    await page.getByRole('checkbox', { name: 'compare csp-baseline' }).check();
    await page.getByTestId('compare-button').click();
    await expect.poll(() => page.getByTestId('compare-view').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('metric-chart').count()).toBe(2);
    await expect.poll(() => page.locator('[data-metric="loss"] path.recharts-line-curve').count()).toBe(2);
    // On the time axis the runs overlay by time since their own start.
    await page.getByTestId('axis-time').click();
    await expect.poll(() => page.locator('[data-metric="loss"] path.recharts-line-curve').count()).toBe(2);
    await expect.poll(() => page.locator('[data-metric="loss"] svg[role="application"]').textContent()).toMatch(/\ds/);
    const row = (key: string) => page.locator(`[data-testid="compare-row"][data-key="${key}"]`);
    await expect.poll(() => row('param:model').getAttribute('data-differs')).toBe('true');
    await expect.poll(() => row('param:epochs').getAttribute('data-differs')).toBe('false');
    expect(await row('param:model').textContent()).toContain('csp-lda');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("updates an open run's overview and charts as it logs: new points and a new metric appear without a reload", async () => {
    const runId: string = (await mlflow(serve, 'runs/create', { experiment_id: experimentId, run_name: 'live', start_time: Date.now() })).run.info.run_id;
    const log = (key: string, from: number, count: number) =>
      mlflow(serve, 'runs/log-batch', { run_id: runId, metrics: Array.from({ length: count }, (_, i) => ({ key, value: 1 / (from + i + 1), timestamp: Date.now(), step: from + i })) });
    await log('loss', 0, 10);
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments/runs/${runId}`);
    await expect.poll(() => page.getByTestId('run-metrics').textContent()).toContain('loss');
    await page.getByTestId('tab-charts').click();
    const loss = page.locator('[data-testid="metric-chart"][data-metric="loss"]');
    await expect.poll(() => loss.getAttribute('data-points')).toBe('10');
    await log('loss', 10, 30);
    await log('val_loss', 0, 5);
    // The tracker's events are coalesced and the run reloads at most twice a second.
    const soon = { timeout: 10_000 };
    await expect.poll(() => loss.getAttribute('data-points'), soon).toBe('40');
    await expect.poll(() => page.locator('[data-testid="metric-chart"][data-metric="val_loss"]').getAttribute('data-points'), soon).toBe('5');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => page.getByTestId('run-metrics').textContent(), soon).toContain('val_loss');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('charts with smoothing, a log scale, a zoomed range, another metric as x, and short tooltips', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments/runs/${parentId}`);
    await page.getByTestId('tab-charts').click();
    const acc = page.locator('[data-testid="metric-chart"][data-metric="acc"]');
    await expect.poll(() => acc.getAttribute('data-points')).toBe('300');
    const path = () => acc.locator('path.recharts-line-curve').getAttribute('d');
    const raw = await path();
    // Smoothing redraws the same points along another line.
    await page.getByTestId('smoothing').focus();
    for (let i = 0; i < 60; i += 1) await page.keyboard.press('ArrowRight');
    await expect.poll(path).not.toBe(raw);
    expect(await acc.getAttribute('data-points')).toBe('300');
    // Log scale: acc is 0 at step 0, which a log axis cannot show.
    await page.getByTestId('log-scale').check();
    await expect.poll(() => acc.getAttribute('data-log')).toBe('true');
    await expect.poll(() => acc.getAttribute('data-points')).toBe('299');
    await page.getByTestId('log-scale').uncheck();
    // Zoom to steps 100–149.
    await page.getByTestId('zoom-from').fill('100');
    await page.getByTestId('zoom-to').fill('149');
    await page.getByTestId('zoom-apply').click();
    await expect.poll(() => acc.getAttribute('data-points')).toBe('50');
    await page.getByTestId('zoom-reset').click();
    await expect.poll(() => acc.getAttribute('data-points')).toBe('300');
    // The tooltip shows at most four significant digits.
    const box = (await acc.locator('svg.recharts-surface').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await expect.poll(() => acc.locator('.recharts-tooltip-item').first().textContent()).toMatch(/^acc : \d\.\d{1,4}$/);
    // loss as the x axis: acc against loss, and no chart of loss against itself.
    await page.getByTestId('axis-metric').locator('..').click();
    await page.getByRole('option', { name: 'loss' }).click();
    await expect.poll(() => page.locator('[data-testid="metric-chart"][data-metric="loss"]').count()).toBe(0);
    await expect.poll(() => acc.locator('path.recharts-line-curve').count()).toBe(1);
    expect(await acc.locator('svg text.recharts-cartesian-axis-tick-value').first().textContent()).toMatch(/^0\.\d+$|^\d(\.\d+)?e-\d$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('compares runs with parallel coordinates and a scatter of any two params or metrics, names as typed', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments/compare/${parentId},${csvRunIds.baseline}`);
    await expect.poll(() => page.getByTestId('pc-line').count()).toBe(2);
    expect(await page.getByTestId('pc-axis').evaluateAll((axes) => axes.map((a) => a.getAttribute('data-axis')))).toEqual(expect.arrayContaining(['param:model', 'metric:acc']));
    const scatter = page.getByTestId('runs-scatter');
    await expect.poll(() => scatter.getAttribute('data-points')).toBe('2');
    await page.getByTestId('scatter-y').locator('..').click();
    await page.getByRole('option', { name: 'metric loss' }).click();
    await expect.poll(() => scatter.getAttribute('data-y')).toBe('metric:loss');
    await expect.poll(() => scatter.locator('.recharts-scatter-symbol').count()).toBe(2);
    const names = page.getByTestId('compare-run-name');
    expect(await names.allInnerTexts()).toEqual(['cv-sweep', 'csp-baseline']);
    // The difference is marked in the theme's primary colour, not a saturated orange.
    const background = await page.locator('[data-testid="compare-row"][data-differs="true"]').first().evaluate((row) => getComputedStyle(row).backgroundColor);
    expect(background).toMatch(/^rgba\(47, 91, 211, 0\.1\)$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders a run's note as Markdown with its HTML dropped, names its experiment and lists the model versions made from it", async () => {
    const runId = csvRunIds.baseline;
    await mlflow(serve, 'runs/set-tag', { run_id: runId, key: 'mlflow.note.content', value: 'Kept **for the paper**.\n\n<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>\n\n- site A' });
    const put = await fetch(`${serve.url}api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model/model.onnx`, { method: 'PUT', body: new Uint8Array(fs.readFileSync(MODEL_ONNX)) });
    expect(put.status).toBe(200);
    await rpc(serve, 'registry.createVersion', { name: 'csp-classifier', runId, artifactPath: 'model' });
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments/runs/${runId}`);
    const note = page.getByTestId('run-note-rendered');
    await expect.poll(() => note.locator('strong').textContent()).toBe('for the paper');
    expect(await note.locator('li').textContent()).toBe('site A');
    expect(await note.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    await expect.poll(() => page.getByTestId('run-model-version').textContent()).toBe('csp-classifier v1');
    expect(await page.getByTestId('run-experiment').textContent()).toBe('motor-imagery');
    await page.getByTestId('run-model-version').click();
    await expect.poll(() => page.url()).toContain('#/models/csp-classifier');
    await page.goBack();
    await page.getByTestId('run-experiment').click();
    await expect.poll(() => page.url()).toContain(`exp=${experimentId}`);
    await expect.poll(() => rowNames(page)).toHaveLength(5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps only the rows in view in the page for thousands of runs, loading more as it scrolls', async () => {
    const experimentId: string = (await mlflow(serve, 'experiments/create', { name: 'sweep-1200' })).experiment_id;
    const total = 1200;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          const i = next++;
          await mlflow(serve, 'runs/create', { experiment_id: experimentId, run_name: `trial-${i}`, start_time: 1_700_000_000_000 + i });
        }
      }),
    );
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments`);
    await page.getByTestId('experiment-item').filter({ hasText: 'sweep-1200' }).click();
    await expect.poll(() => page.getByTestId('run-count').textContent()).toContain('500+ runs');
    expect(await page.getByTestId('run-row').count()).toBeLessThan(80);
    const table = page.getByRole('table', { name: 'runs' });
    for (const expected of ['1,000+ runs', '1,200 runs']) {
      await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect.poll(() => page.getByTestId('run-count').textContent()).toContain(expected);
    }
    await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(async () => (await rowNames(page)).includes('trial-0')).toBe(true);
    expect(await page.getByTestId('run-row').count()).toBeLessThan(80);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renames a run, saves its note, deletes it and restores it from the deleted list', async () => {
    const experimentId: string = (await mlflow(serve, 'experiments/create', { name: 'scratch' })).experiment_id;
    const runId = await trainingRun(serve, experimentId, 'draft', 'eegnet', 0.5);
    const { page, errors } = await openPage(browser, `${serve.url}#/experiments/runs/${runId}`);
    await page.getByRole('button', { name: 'rename run' }).click();
    await page.getByRole('textbox', { name: 'run name' }).fill('final');
    await page.getByRole('textbox', { name: 'run name' }).press('Enter');
    await expect.poll(() => page.getByTestId('run-name').textContent()).toBe('final');
    await page.getByTestId('run-note').fill('Best fold kept for the paper.');
    await page.getByTestId('save-note').click();
    await expect.poll(async () => (await mlflow(serve, 'runs/get', { run_id: runId })).run.data.tags).toContainEqual({ key: 'mlflow.note.content', value: 'Best fold kept for the paper.' });

    await page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Restore' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Runs' }).click();
    await page.getByTestId('experiment-item').filter({ hasText: 'scratch' }).click();
    await expect.poll(() => page.getByTestId('no-runs').isVisible()).toBe(true);
    await page.getByTestId('show-deleted').click();
    await expect.poll(() => rowNames(page)).toEqual(['final']);
    await page.getByTestId('run-row').first().click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await mlflow(serve, 'runs/get', { run_id: runId })).run.info.lifecycle_stage).toBe('active');
    expect(errors).toEqual([]);
    await page.close();
  });
});
