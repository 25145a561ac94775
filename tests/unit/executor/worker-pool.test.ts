import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../main/services/executor/worker-pool';
import type { FromWorker, ToWorker } from '../../../main/services/executor/worker-protocol';
import { TEST_REGISTRY_URL } from './fixtures/executor-harness';
import { waitUntil } from './fixtures/wait-until';

type Event = { kind: 'message'; message: FromWorker } | { kind: 'lost'; key: string; reason: string };

/** A pool with a recording listener, driven directly, as the scheduler would. */
function poolOf(size: number) {
  const events: Event[] = [];
  const pool = new WorkerPool({ size, registryUrl: TEST_REGISTRY_URL }, {
    onMessage: (message) => events.push({ kind: 'message', message }),
    onLost: (key, reason) => events.push({ kind: 'lost', key, reason }),
    onFree: () => {},
  });
  pools.push(pool);
  const run = (key: string, taskName: string, input: unknown): void =>
    pool.run({ type: 'run', key, taskRunId: key, flowRunId: 'flow', taskName, attempt: 1, input } satisfies ToWorker);
  /** Where `type` for `key` came in the order of events, or -1. */
  const at = (key: string, type: string): number =>
    events.findIndex((e) => (e.kind === 'message' ? e.message.type === type && 'key' in e.message && e.message.key === key : type === 'lost' && e.key === key));
  const seen = (key: string, type: string) => waitUntil(() => at(key, type) >= 0 || null, `${type} for ${key}`, 20_000);
  return { pool, events, run, at, seen };
}

const pools: WorkerPool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});

describe('worker pool: attempts sent ahead to busy workers', () => {
  it('a busy worker gets the next attempt ahead and starts it when its current one ends', async () => {
    const p = poolOf(1);
    expect(p.pool.nextGoesAhead).toBe(false);
    p.run('a', 'test.wait', { ms: 200 });
    await p.seen('a', 'started');
    expect(p.pool.hasCapacity()).toBe(true);
    expect(p.pool.nextGoesAhead).toBe(true);
    p.run('b', 'test.echo', { value: 'b' });
    expect(p.pool.stats()).toMatchObject({ busy: 1, waiting: 1 });
    expect(p.pool.hasCapacity()).toBe(false);
    await p.seen('b', 'result');
    expect(p.at('a', 'result')).toBeLessThan(p.at('b', 'started'));
    expect(p.at('b', 'started')).toBeLessThan(p.at('b', 'result'));
    expect(p.pool.stats()).toMatchObject({ live: 1, busy: 0, waiting: 0, spawned: 1 });
  });

  it('takes an attempt back from a worker stuck in a long synchronous task for a worker that falls idle', async () => {
    const p = poolOf(2);
    p.run('long', 'test.spin', { ms: 2500 });
    p.run('short-wait', 'test.wait', { ms: 300 });
    await Promise.all([p.seen('long', 'started'), p.seen('short-wait', 'started')]);
    // Both busy: this goes ahead to the first worker, the one that spins and reads no messages.
    p.run('queued', 'test.echo', { value: 'q' });
    await p.seen('queued', 'result');
    expect(p.at('long', 'result')).toBe(-1);
    expect(p.at('short-wait', 'result')).toBeLessThan(p.at('queued', 'started'));
    await p.seen('long', 'result');
    // The spinning worker later reads the attempt it lost and leaves it alone: it ran once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(p.events.filter((e) => e.kind === 'message' && e.message.type === 'result' && e.message.key === 'queued')).toHaveLength(1);
  });

  it('a cancelled attempt still waiting for its worker ends at once and never runs', async () => {
    const p = poolOf(1);
    p.run('busy', 'test.spin', { ms: 800 });
    await p.seen('busy', 'started');
    p.run('doomed', 'test.echo', { value: 'never' });
    p.pool.abort('doomed', 'cancelled by request');
    await p.seen('doomed', 'error');
    expect(p.at('busy', 'result')).toBe(-1);
    const error = p.events[p.at('doomed', 'error')]!;
    expect(error.kind === 'message' && error.message.type === 'error' && error.message.error).toMatchObject({ name: 'AbortError', message: 'cancelled by request (before it started)' });
    await p.seen('busy', 'result');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(p.events.filter((e) => e.kind === 'message' && 'key' in e.message && e.message.key === 'doomed').map((e) => (e.kind === 'message' ? e.message.type : ''))).toEqual(['error']);
    expect(p.pool.stats()).toMatchObject({ busy: 0, waiting: 0 });
  });

  it('when a worker dies, the attempt waiting on it runs on its replacement, not counted as lost', async () => {
    const p = poolOf(1);
    p.run('stuck', 'test.busy', {});
    await p.seen('stuck', 'started');
    p.run('next', 'test.echo', { value: 'survives' });
    p.pool.terminateIfStillOn('stuck', 'stopped by the test');
    await p.seen('next', 'result');
    expect(p.events.filter((e) => e.kind === 'lost').map((e) => (e.kind === 'lost' ? [e.key, e.reason] : []))).toEqual([['stuck', 'stopped by the test']]);
    const result = p.events[p.at('next', 'result')]!;
    expect(result.kind === 'message' && result.message.type === 'result' && result.message.value).toBe('survives');
    expect(p.pool.stats()).toMatchObject({ live: 1, spawned: 2, lost: 1 });
  });
});
