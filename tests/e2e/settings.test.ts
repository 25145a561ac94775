import { describe, expect, it } from 'vitest';
import { rpc } from './support/api';
import { openPage } from './support/browser';
import { useServeAndBrowser } from './support/session';

describe('the Settings page shows how the pipeline executor is set up', () => {
  // The pool size comes from --workers (beating NEUROOPS_WORKERS), the tag limits from the environment.
  const session = useServeAndBrowser(undefined, {
    args: ['--workers', '2'],
    env: { NEUROOPS_WORKERS: '5', NEUROOPS_TAG_LIMITS: 'gpu=1,io=3' },
  });

  it('answers executor.config over HTTP with each setting and its source', async () => {
    expect(await rpc(session.serve, 'executor.config', {})).toEqual({
      poolSize: 2,
      tagLimits: { gpu: 1, io: 3 },
      cancelGraceMs: 5000,
      sources: { poolSize: 'flag', tagLimits: 'env', cancelGraceMs: 'default' },
    });
  });

  it('shows the pool size, tag limits, where they came from and how to change them', async () => {
    const { page, errors } = await openPage(session.browser, `${session.serve.url}#/settings`);
    await expect.poll(() => page.getByTestId('executor-pool-size').textContent()).toBe('Worker threads2from --workers');
    expect(await page.getByTestId('executor-tag-limits').textContent()).toBe('Tag limitsgpu=1, io=3from NEUROOPS_TAG_LIMITS');
    const help = await page.getByTestId('executor-config-help').textContent();
    expect(help).toContain('neuroops serve --workers N --tag-limit TAG=N');
    expect(help).toContain('NEUROOPS_WORKERS');
    expect(errors).toEqual([]);
    await page.close();
  });
});
