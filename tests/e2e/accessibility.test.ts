import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mlflow, rpc } from './support/api';
import { seriousViolations, toggleThemeAndSettle } from './support/axe';
import { openPage } from './support/browser';
import { REPO_ROOT } from './support/server';
import { useServeAndBrowser, type E2eSession } from './support/session';

const MODEL_ONNX = path.join(REPO_ROOT, 'tests', 'fixtures', 'registry', 'classifier.onnx');
const DEMO_BIDS = path.join(REPO_ROOT, 'resources', 'demo', 'bids');
/** Set NEUROOPS_SCREENSHOTS=1 to (re)write README.md's screenshots of every page into docs/screenshots/ (the Predictions page's: predictions.test.ts). */
const SCREENSHOT_DIR = process.env.NEUROOPS_SCREENSHOTS ? path.join(REPO_ROOT, 'docs', 'screenshots') : null;

interface Seeded {
  runId: string;
  otherRunId: string;
  flowRunId: string;
  featuresRunId: string;
}

/** A small, realistic workspace: an experiment with two trained runs, a model in production, a finished flow. */
async function seed(session: E2eSession): Promise<Seeded> {
  const { serve } = session;
  const experimentId: string = (await mlflow(serve, 'experiments/create', { name: 'motor-imagery' })).experiment_id;
  const ids: string[] = [];
  for (const [name, model, acc] of [['eegnet-fold-1', 'eegnet', 0.86], ['csp-baseline', 'csp-lda', 0.71]] as const) {
    const runId: string = (await mlflow(serve, 'runs/create', { experiment_id: experimentId, run_name: name, start_time: Date.now() })).run.info.run_id;
    const metrics = [];
    for (let step = 0; step < 100; step += 1) {
      metrics.push({ key: 'acc', value: acc * (1 - Math.exp(-step / 20)), timestamp: Date.now(), step });
      metrics.push({ key: 'loss', value: Math.exp(-step / 30), timestamp: Date.now(), step });
    }
    await mlflow(serve, 'runs/log-batch', { run_id: runId, metrics, params: [{ key: 'model', value: model }, { key: 'lr', value: '0.001' }] });
    await mlflow(serve, 'runs/set-tag', { run_id: runId, key: 'mlflow.note.content', value: `**${name}**: trained on *site A*.` });
    const put = await fetch(`${serve.url}api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model/model.onnx`, { method: 'PUT', body: new Uint8Array(fs.readFileSync(MODEL_ONNX)) });
    expect(put.status).toBe(200);
    await mlflow(serve, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
    ids.push(runId);
  }
  await rpc(serve, 'registry.createVersion', { name: 'mi-classifier', runId: ids[0], artifactPath: 'model' });
  await rpc(serve, 'registry.promote', { name: 'mi-classifier', version: 1, reason: 'Best cross-validated accuracy' });
  const flowRunId = await runFlow(session, 'example_pipeline');
  const featuresRunId = await runFlow(session, 'features', { dataset: DEMO_BIDS });
  return { runId: ids[0]!, otherRunId: ids[1]!, flowRunId, featuresRunId };
}

/** Starts a flow and waits for it to complete; returns its id. */
async function runFlow({ serve }: E2eSession, flowName: string, params?: unknown): Promise<string> {
  const flowRunId = String((await rpc(serve, 'executor.startFlowRun', { flowName, params })).flowRunId);
  // Seeding runs before any test, where expect.poll is not available: wait by hand.
  for (let tries = 0; ; tries += 1) {
    const { flowRun } = (await rpc(serve, 'executor.getFlowRun', { flowRunId })) as { flowRun: { state: string } };
    if (flowRun.state === 'Completed') return flowRunId;
    if (tries > 600) throw new Error(`${flowName} did not complete: ${flowRun.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('accessibility of every page', () => {
  let seeded: Seeded;
  const session = useServeAndBrowser(async (s) => {
    seeded = await seed(s);
  });

  const pages: Array<{ name: string; hash: () => string; ready: (page: Page) => Promise<unknown> }> = [
    { name: 'dashboard', hash: () => '#/', ready: (p) => p.getByTestId('dashboard-models').getByText('mi-classifier').first().waitFor() },
    { name: 'experiments', hash: () => '#/experiments', ready: (p) => p.getByTestId('run-row').first().waitFor() },
    { name: 'run', hash: () => `#/experiments/runs/${seeded.runId}`, ready: (p) => p.getByTestId('run-params').waitFor() },
    { name: 'compare', hash: () => `#/experiments/compare/${seeded.runId},${seeded.otherRunId}`, ready: (p) => p.getByTestId('compare-row').first().waitFor() },
    { name: 'models', hash: () => '#/models', ready: (p) => p.getByRole('button', { name: 'mi-classifier' }).waitFor() },
    { name: 'model', hash: () => '#/models/mi-classifier', ready: (p) => p.getByTestId('version-row-1').waitFor() },
    { name: 'predictions', hash: () => '#/predictions', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
    { name: 'pipelines', hash: () => '#/pipelines', ready: (p) => p.getByText('example_pipeline').first().waitFor() },
    { name: 'flow-run', hash: () => `#/pipelines/runs/${seeded.flowRunId}`, ready: (p) => p.getByText('Completed').first().waitFor() },
    { name: 'features-run', hash: () => `#/pipelines/runs/${seeded.featuresRunId}`, ready: (p) => p.getByTestId('topomap-electrode').first().waitFor() },
    { name: 'settings', hash: () => '#/settings', ready: (p) => p.getByTestId('system-info').waitFor() },
  ];

  it("lists the production model on the dashboard with its chip beside the metrics, not over them", async () => {
    const { page, errors } = await openPage(session.browser, session.serve.url);
    const row = page.getByTestId('dashboard-model');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('mi-classifier');
    const text = (await row.locator('.MuiListItemText-root').boundingBox())!;
    const chip = (await row.locator('.MuiChip-root').boundingBox())!;
    expect(chip.x).toBeGreaterThanOrEqual(text.x + text.width);
    expect(await row.locator('.MuiChip-label').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts the sidebar before the page content in Tab order, with a visible focus ring', async () => {
    const { page, errors } = await openPage(session.browser, `${session.serve.url}#/experiments`);
    await page.getByTestId('run-row').first().waitFor();
    const stops: Array<{ where: string; label: string; tag: string; outline: string }> = [];
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return { where: el.closest('nav') ? 'nav' : el.closest('main') ? 'main' : 'other', label: el.textContent ?? '', tag: el.tagName, outline: getComputedStyle(el).outlineStyle };
        }),
      );
    }
    const firstMain = stops.findIndex((s) => s.where === 'main');
    const navStops = stops.filter((s) => s.where === 'nav').map((s) => s.label);
    expect(navStops).toEqual(['Dashboard', 'Experiments', 'Models', 'Predictions', 'Pipelines', 'Settings']);
    expect(stops.findIndex((s) => s.where === 'nav')).toBeLessThan(firstMain);
    expect(stops.slice(0, firstMain).filter((s) => s.where === 'main')).toEqual([]);
    // Text boxes show focus by their own border; everything else gets the ring.
    expect(stops.filter((s) => s.where !== 'other' && s.tag !== 'INPUT' && s.outline === 'none')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const entry of pages) {
    it(`${entry.name}: no serious or critical axe-core violations, light and dark`, async () => {
      const { page, errors } = await openPage(session.browser, `${session.serve.url}${entry.hash()}`);
      await entry.ready(page);
      // Charts and tables settle after their data arrives.
      await page.waitForTimeout(300);
      // The Predictions page is shot with results in it, by predictions.test.ts.
      if (SCREENSHOT_DIR && entry.name !== 'predictions') {
        fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${entry.name}.png`) });
      }
      expect(await seriousViolations(page)).toEqual([]);
      await toggleThemeAndSettle(page);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
