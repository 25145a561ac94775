import { afterEach, describe, expect, it } from 'vitest';
import { startFlakyProxy } from './support/flaky-proxy';
import { startServe } from './support/server';
import { openLocal } from './support/sync-fixture';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('automatic sync', () => {
  it('pushes every N minutes to the saved remote, queues while it is unreachable, and catches up once it answers', async () => {
    const remote = await startServe();
    cleanups.push(() => remote.stop());
    const proxy = await startFlakyProxy(remote.url);
    cleanups.push(() => proxy.close());
    const local = await openLocal();
    cleanups.push(local.close);
    const { tracking } = local.core.services;
    const runId = (await tracking.createRun({ experimentId: '0', runName: 'overnight' })).runId;
    await tracking.logMetric(runId, { key: 'kappa', value: 0.6, timestamp: 1, step: 0 });

    // Off until an interval is set.
    expect(await local.sync.autoTick(0)).toBeNull();
    local.sync.saveSettings({ remoteUri: proxy.url, autoMinutes: 5 });

    // The network is down: the push stops at once and the run stays queued (pending).
    proxy.reset({ allow: 0, mode: 'before' });
    const t0 = 10 * 60_000;
    expect((await local.sync.autoTick(t0))?.stoppedBy?.code).toBe('REMOTE_UNREACHABLE');
    expect(local.sync.overview().runs).toEqual({ synced: 0, pending: 1, failed: 0 });
    // Not again before the interval has passed.
    proxy.reset(null);
    expect(await local.sync.autoTick(t0 + 4 * 60_000)).toBeNull();
    // Back online: the next tick pushes what was queued, then what is new.
    expect(await local.sync.autoTick(t0 + 5 * 60_000)).toMatchObject({ ok: true, runs: { pushed: 1 }, metricPoints: 1 });
    await tracking.logMetric(runId, { key: 'kappa', value: 0.65, timestamp: 2, step: 1 });
    expect(local.sync.overview().runs).toEqual({ synced: 0, pending: 1, failed: 0 });
    expect(await local.sync.autoTick(t0 + 10 * 60_000)).toMatchObject({ ok: true, metricPoints: 1 });
    expect(local.sync.overview()).toMatchObject({ remote: proxy.url, runs: { synced: 1, pending: 0, failed: 0 }, auto: { minutes: 5 } });
  });
});
