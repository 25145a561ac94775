import { describe, expect, it } from 'vitest';
import { rpc } from './support/api';
import { openPage } from './support/browser';
import { useServeAndBrowser } from './support/session';

describe('the dashboard', () => {
  const session = useServeAndBrowser();

  it('starts empty, then shows a flow run and its tracked run as they appear, and links to them', async () => {
    const { page, errors } = await openPage(session.browser, session.serve.url);
    const flows = page.getByTestId('dashboard-flows');
    await expect.poll(() => flows.textContent()).toContain('No flow runs yet');
    await expect.poll(() => page.getByTestId('dashboard-models').textContent()).toContain('No model has a version in production yet');

    const started = await rpc(session.serve, 'executor.startFlowRun', { flowName: 'example_pipeline' });
    await expect.poll(() => flows.textContent(), { timeout: 30_000 }).toContain('example_pipeline');
    const runs = page.getByTestId('dashboard-runs');
    await expect.poll(() => runs.textContent(), { timeout: 30_000 }).toContain('example_pipeline');
    // One refresh reads flows and runs together, so once the flow shows Completed its
    // stages' nested runs exist too; they are reached through the flow's run, not listed.
    await expect.poll(() => flows.textContent(), { timeout: 30_000 }).toContain('Completed');
    expect(await runs.getByText('example_pipeline', { exact: false }).count()).toBeGreaterThan(0);
    expect(await runs.getByText('load', { exact: true }).count()).toBe(0);

    // The production card lists models with a version in production, and only those.
    const models = page.getByTestId('dashboard-models');
    const registered = await rpc(session.serve, 'registry.listModels', {});
    expect(registered.models).toEqual([]);
    await rpc(session.serve, 'registry.createModel', { name: 'never-promoted' });
    await page.reload();
    await expect.poll(() => models.textContent()).toContain('No model has a version in production yet');
    expect(await models.getByTestId('dashboard-model').count()).toBe(0);

    await flows.getByText('example_pipeline').first().click();
    await expect.poll(() => page.url()).toContain(`#/pipelines/runs/${String(started.flowRunId)}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
