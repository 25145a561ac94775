/**
 * Executor throughput: `npx tsx bench/executor-throughput.bench.ts`
 *
 * N CPU-bound tasks (a fixed arithmetic loop, no I/O) in one flow, all at once on the
 * pool, against the same N tasks one after another on the same pool, in the same run.
 * The speed-up is the time one at a time over the time on the pool. It also records how
 * late a 10 ms timer on the main thread fires meanwhile: the main thread must stay free
 * for the UI and the API while workers compute.
 *
 * Pool sizes: the default (cores − 1, at least 1) and, if different, one worker per core
 * (NEUROOPS_WORKERS overrides the first).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../main/db/database';
import { defaultPoolSize, Executor } from '../main/services/executor/executor';
import { registry } from './executor-bench-flows';

const REGISTRY_URL = new URL('./executor-bench-flows.ts', import.meta.url).href;
const WORK = Number(process.env.BENCH_WORK ?? 40); // million loop steps per task (≈ 0.2–0.5 s)

/** Largest delay of a 10 ms interval timer while `during` runs: main-thread responsiveness. */
async function timerLag<T>(during: () => Promise<T>): Promise<{ value: T; lagMs: number }> {
  let lag = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 10);
    last = now;
  }, 10);
  try {
    return { value: await during(), lagMs: lag };
  } finally {
    clearInterval(timer);
  }
}

async function timeFlow(executor: Executor, params: { n: number; work: number; oneAtATime: boolean }): Promise<number> {
  const start = performance.now();
  const run = await executor.waitFor(executor.start('cpu_bound', params).flowRunId);
  if (run.state !== 'Completed') throw new Error(`bench flow ended ${run.state}: ${run.stateMessage}`);
  return performance.now() - start;
}

async function measure(poolSize: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-'));
  const { db } = openDatabase(path.join(dir, 'neuroops.db'));
  const executor = new Executor({ db, registry, registryUrl: REGISTRY_URL, poolSize });
  const n = poolSize * 4;
  try {
    await timeFlow(executor, { n: poolSize, work: 1, oneAtATime: false }); // start every worker
    const serial = await timerLag(() => timeFlow(executor, { n, work: WORK, oneAtATime: true }));
    const pooled = await timerLag(() => timeFlow(executor, { n, work: WORK, oneAtATime: false }));
    console.log(
      `pool of ${poolSize}: ${n} tasks one at a time ${serial.value.toFixed(0)} ms, on the pool ${pooled.value.toFixed(0)} ms → ` +
        `speed-up ${(serial.value / pooled.value).toFixed(2)}× (ideal ${Math.min(poolSize, os.availableParallelism())}×); ` +
        `main-thread timer late by at most ${Math.max(serial.lagMs, pooled.lagMs).toFixed(0)} ms`,
    );
  } finally {
    await executor.close();
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cores = os.availableParallelism();
const first = Number(process.env.NEUROOPS_WORKERS ?? defaultPoolSize());
console.log(`${cores} cores; ${WORK}M loop steps per task; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await measure(first);
if (cores !== first) await measure(cores);
