import { afterEach, describe, expect, it } from 'vitest';
import { startFlakyProxy, type FlakyProxy } from './support/flaky-proxy';
import { startServe, type ServeProcess } from './support/server';
import { expectExactCopy, mlflowApi, openLocal, seedLab } from './support/sync-fixture';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function serve(args: string[] = []): Promise<ServeProcess> {
  const remote = await startServe(args);
  cleanups.push(() => remote.stop());
  return remote;
}

describe('sync through failures', () => {
  it('resumes after a connection lost every few requests (answers lost after the remote acted, and requests lost before) with no duplicate run, point or version', async () => {
    const remote = await serve();
    const proxy: FlakyProxy = await startFlakyProxy(remote.url);
    cleanups.push(() => proxy.close());
    const local = await openLocal();
    cleanups.push(local.close);
    await seedLab(local.core);

    let attempts = 0;
    let stops = 0;
    for (;;) {
      attempts += 1;
      expect(attempts, 'pushes needed').toBeLessThan(60);
      // Alternate: the answer of the 4th request lost after the remote did the work, then the 7th request lost on the way.
      proxy.reset(attempts % 2 === 1 ? { allow: 3, mode: 'after' } : { allow: 6, mode: 'before' });
      const report = await local.sync.push({ remote: proxy.url, scope: { kind: 'all' } });
      if (report.ok) break;
      expect(report.failures).toEqual([]);
      expect(report.stoppedBy?.code).toBe('REMOTE_UNREACHABLE');
      stops += 1;
    }
    expect(stops).toBeGreaterThan(5);
    proxy.reset(null);
    const again = await local.sync.push({ remote: proxy.url, scope: { kind: 'all' } });
    expect(again).toMatchObject({ ok: true, metricPoints: 0, runs: { pushed: 0, unchanged: 4 }, versions: { created: 0 } });
    await expectExactCopy(local.core, mlflowApi(remote.url));
  });

  it('resumes after the remote server is killed in the middle of a push and started again on its data', async () => {
    const first = await serve();
    const port = new URL(first.url).port;
    const proxy = await startFlakyProxy(first.url);
    cleanups.push(() => proxy.close());
    const local = await openLocal();
    cleanups.push(local.close);
    await seedLab(local.core);

    // Killed with SIGKILL right as the 20th request (inside the metric batches of the first nested run) reaches it.
    proxy.onForward = (count) => {
      if (count === 20) first.child.kill('SIGKILL');
    };
    proxy.reset(null);
    const cut = await local.sync.push({ remote: proxy.url, scope: { kind: 'all' } });
    expect(cut.ok).toBe(false);
    expect(cut.stoppedBy?.code).toBe('REMOTE_UNREACHABLE');
    expect(cut.stoppedBy?.message).toContain('the next sync resumes');
    await first.exited;
    proxy.onForward = undefined;

    // The same server, port and data folder, started again.
    const second = await serve(['--port', port, '--data-dir', first.dataDir]);
    expect(second.url).toBe(first.url);
    const resumed = await local.sync.push({ remote: proxy.url, scope: { kind: 'all' } });
    expect(resumed).toMatchObject({ ok: true, failures: [] });
    await expectExactCopy(local.core, mlflowApi(second.url));
  });
});

describe('sync when the remote refuses an item', () => {
  it("fails that run with MLflow's own message, goes on with the others, and shows the reason in the status", async () => {
    const remote = await serve();
    const local = await openLocal();
    cleanups.push(local.close);
    const { tracking } = local.core.services;
    const [a, b] = [(await tracking.createRun({ experimentId: '0', runName: 'a' })).runId, (await tracking.createRun({ experimentId: '0', runName: 'b' })).runId];
    expect((await local.sync.push({ remote: remote.url, scope: { kind: 'all' } })).ok).toBe(true);

    // Someone logs lr=0.1 to the remote copy of run a; locally lr=0.2 is logged later. MLflow params never change.
    const api = mlflowApi(remote.url);
    const copy = ((await api.post('runs/search', { experiment_ids: ['0'], filter: `tags.\`neuroops.sync.source_run_id\` = '${a}'` })).runs as Array<{ info: { run_id: string } }>)[0]!;
    await api.post('runs/log-parameter', { run_id: copy.info.run_id, key: 'lr', value: '0.1' });
    await tracking.logParam(a, { key: 'lr', value: '0.2' });
    await tracking.logMetric(b, { key: 'kappa', value: 0.8, timestamp: 1, step: 0 });

    const report = await local.sync.push({ remote: remote.url, scope: { kind: 'all' } });
    expect(report).toMatchObject({ ok: false, stoppedBy: null, runs: { pushed: 1, failed: 1 }, metricPoints: 1 });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ kind: 'run', id: a, code: 'INVALID_PARAMETER_VALUE' });
    expect(report.failures[0]!.message).toContain('lr');
    const status = local.sync.overview(remote.url);
    expect(status.runs).toEqual({ synced: 1, pending: 0, failed: 1 });
    expect(status.failures).toEqual([report.failures[0]]);
  });
});
