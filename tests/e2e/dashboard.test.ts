import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { startServe, type ServeProcess } from './support/server';

async function rpc(serve: ServeProcess, name: string, input: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${serve.url}api/rpc/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('the dashboard', () => {
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

  it('starts empty, then shows a flow run and its tracked run as they appear, and links to them', async () => {
    const { page, errors } = await openPage(browser, serve.url);
    const flows = page.getByTestId('dashboard-flows');
    await expect.poll(() => flows.textContent()).toContain('No flow runs yet');
    await expect.poll(() => page.getByTestId('dashboard-models').textContent()).toContain('No registered models yet');

    const started = await rpc(serve, 'executor.startFlowRun', { flowName: 'example_pipeline' });
    await expect.poll(() => flows.textContent(), { timeout: 30_000 }).toContain('example_pipeline');
    await expect.poll(() => page.getByTestId('dashboard-runs').textContent(), { timeout: 30_000 }).not.toContain('No runs yet');

    await flows.getByText('example_pipeline').first().click();
    await expect.poll(() => page.url()).toContain(`#/pipelines/runs/${String(started.flowRunId)}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
