import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { ClaimSlot } from '../../../main/services/executor/claim-slot';
import type { FromWorker, ToWorker } from '../../../main/services/executor/worker-protocol';
import { REPO_ROOT } from '../../e2e/support/server';

const workers: Worker[] = [];
const built: string[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  for (const dir of built) fs.rmSync(dir, { recursive: true, force: true });
});

/** Messages from a worker, and a way to wait for one. */
function listen(worker: Worker) {
  const messages: FromWorker[] = [];
  const waiters: Array<() => void> = [];
  worker.on('message', (m: FromWorker) => (messages.push(m), waiters.splice(0).forEach((w) => w())));
  const next = async (test: (m: FromWorker) => boolean): Promise<FromWorker> => {
    for (;;) {
      const found = messages.find(test);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { messages, next };
}

describe('the executor worker as the desktop build ships it', () => {
  it('is built beside main.js, loads the shipped flows and runs a stage task, reporting as the worker run from source does', async () => {
    // Inside the checkout, as the packaged app is beside its node_modules: the worker's
    // external packages (yauzl, for BIDS zips) must resolve from the built chunks.
    fs.mkdirSync(path.join(REPO_ROOT, 'tmp'), { recursive: true });
    const outDir = fs.mkdtempSync(path.join(REPO_ROOT, 'tmp', 'electron-build-'));
    built.push(outDir);
    await build({ configFile: path.join(REPO_ROOT, 'vite.main.config.ts'), root: REPO_ROOT, logLevel: 'silent', build: { outDir, sourcemap: false } });

    const claim = new ClaimSlot();
    const worker = new Worker(path.join(outDir, 'executor-worker.js'), { workerData: { claimBuffer: claim.buffer } });
    workers.push(worker);
    const { messages, next } = listen(worker);
    await next((m) => m.type === 'ready');

    const input = { featureNames: ['a', 'b'], X: [[1, 5], [3, 5], [5, 5]], y: ['x', 'y', 'x'] };
    const run: ToWorker = {
      type: 'run', key: 't1#1', taskRunId: 't1', flowRunId: 'f1', taskName: 'ml.stage', attempt: 1,
      input: { kind: 'process', fn: 'example.zscore', args: { dropConstant: true }, input },
    };
    worker.postMessage(run);
    const result = await next((m) => (m.type === 'result' || m.type === 'error') && m.key === 't1#1');
    // Column a is 1, 3, 5: mean 3, population standard deviation √(8/3); column b does not vary and is dropped.
    const z = 2 / Math.sqrt(8 / 3);
    expect(result.type === 'result' && result.value).toEqual({ featureNames: ['a'], X: [[-z], [0], [z]], y: ['x', 'y', 'x'] });
    const params = messages.filter((m) => m.type === 'param').map((m) => (m.type === 'param' ? `${m.name}=${m.value}` : ''));
    expect(params).toEqual(expect.arrayContaining(['stage=process', 'function=example.zscore']));
    expect(messages.some((m) => m.type === 'metric' && m.name === 'dropped_features' && m.value === 1)).toBe(true);

    // An attempt sent ahead with a ticket the main thread took back is never run.
    const ticket = claim.offer();
    expect(claim.take(ticket)).toBe(true);
    worker.postMessage({ ...run, key: 't2#1', taskRunId: 't2', ticket } satisfies ToWorker);
    worker.postMessage({ ...run, key: 't3#1', taskRunId: 't3' } satisfies ToWorker);
    await next((m) => m.type === 'result' && m.key === 't3#1');
    expect(messages.some((m) => 'key' in m && m.key === 't2#1')).toBe(false);
  }, 60_000);
});
