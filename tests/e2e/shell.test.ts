import { describe, expect, it } from 'vitest';
import { openPage } from './support/browser';
import { useServeAndBrowser } from './support/session';

describe('the renderer shell served by neuroops serve', () => {
  const session = useServeAndBrowser();

  it('loads, shows a green connection indicator, and navigates between every page without console errors', async () => {
    const { page, errors } = await openPage(session.browser, session.serve.url);
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('connected');

    const nav = page.getByRole('navigation', { name: 'pages' });
    for (const [label, heading] of [
      ['Experiments', 'Experiments'],
      ['Models', 'Models'],
      ['Predictions', 'Predictions'],
      ['Pipelines', 'Pipelines'],
      ['Settings', 'Settings'],
      ['Dashboard', 'Dashboard'],
    ] as const) {
      await nav.getByRole('button', { name: label }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe(heading);
    }
    await nav.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('system-info').textContent()).toContain(session.serve.dataDir);
    expect(page.url()).toContain('#/settings');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches between light and dark themes', async () => {
    const { page, errors } = await openPage(session.browser, session.serve.url);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const before = await background();
    await page.getByRole('button', { name: 'toggle theme' }).click();
    await expect.poll(background).not.toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('turns the indicator red when the server goes away', async () => {
    const { page } = await openPage(session.browser, session.serve.url);
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('connected');
    expect(await session.serve.stop()).toBe(0);
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 })
      .not.toBe('connected');
    await page.close();
  });
});
