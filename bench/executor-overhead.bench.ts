/**
 * Executor scheduling overhead: `npx tsx bench/executor-overhead.bench.ts`
 *
 * 1,000 tiny tasks (n → n + 1) in one flow on a warm pool, against raw worker_threads
 * postMessage round trips through the same number of workers in the same run: each worker
 * gets its next message when it has answered the last. (The executor sends each busy worker
 * one attempt ahead, which a bare round trip does not.) Reported per task. The executor
 * figure includes everything a task costs: its task run row with its four state
 * transitions in SQLite, the worker messages, and (in the tracked case) a nested MLflow
 * run opened and closed in the tracker, and (with a UI listening) the events that tell a
 * window or browser of each changed run. Target: ≤ 3× the raw round trip.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventBus } from '../main/core/event-bus';
import { createTrackingService } from '../main/services/tracking/create-tracking-service';
import { closeDatabase, openDatabase } from '../main/db/database';
import { defaultPoolSize, Executor } from '../main/services/executor/executor';
import { trackerFrom } from '../main/services/executor/tracking-adapter';
import { registry } from './executor-bench-flows';

const TASKS = 1000;
const ROUNDS = 7;
const POOL = Number(process.env.NEUROOPS_WORKERS ?? defaultPoolSize());
const REGISTRY_URL = new URL('./executor-bench-flows.ts', import.meta.url).href;

const ECHO = `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (n) => parentPort.postMessage(n + 1));`;

/** Raw round trips: each worker gets its next message when it answers the last. */
async function rawRoundTrips(workers: Worker[], count: number): Promise<number> {
  const start = process.hrtime.bigint();
  let sent = 0;
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const next = (): void => {
            if (sent >= count) {
              worker.off('message', next);
              return resolve();
            }
            sent += 1;
            worker.postMessage(sent);
          };
          worker.on('message', next);
          next();
        }),
    ),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function executorRun(executor: Executor, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  const run = await executor.waitFor(executor.start('fan_out', { n }).flowRunId);
  if (run.state !== 'Completed') throw new Error(`bench flow ended ${run.state}: ${run.stateMessage}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Setup {
  tracked: boolean;
  /** A listener on the event bus, as a window or browser has: events are validated and serialized as for SSE. */
  watched: boolean;
}

async function measureExecutor({ tracked, watched }: Setup): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-'));
  const { db } = openDatabase(path.join(dir, 'neuroops.db'));
  const tracking = createTrackingService({ db, artifactsDir: path.join(dir, 'artifacts') });
  const events = new EventBus();
  let eventBytes = 0;
  if (watched) events.subscribe((event) => (eventBytes += JSON.stringify(event).length));
  const executor = new Executor({
    db,
    registry,
    registryUrl: REGISTRY_URL,
    poolSize: POOL,
    tracker: tracked ? trackerFrom(tracking) : undefined,
    notify: (notice) => events.emit(notice.name, notice.payload as never),
    hasListeners: () => events.listenerCount > 0,
  });
  try {
    // Start every worker, then let the JIT settle as the raw side's 2,000 warm-up messages do.
    await executorRun(executor, POOL * 20);
    for (let i = 0; i < 2; i++) await executorRun(executor, TASKS);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) times.push(await executorRun(executor, TASKS));
    if (watched && eventBytes === 0) throw new Error('the listener heard nothing');
    return times;
  } finally {
    await executor.close();
    tracking.flush();
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perTaskUs = (ms: number): number => (ms * 1000) / TASKS;

async function main(): Promise<void> {
  const workers = Array.from({ length: POOL }, () => new Worker(ECHO, { eval: true }));
  await rawRoundTrips(workers, 2000); // warm up
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) raw.push(await rawRoundTrips(workers, TASKS));
  await Promise.all(workers.map((w) => w.terminate()));
  const untracked = await measureExecutor({ tracked: false, watched: false });
  const watched = await measureExecutor({ tracked: false, watched: true });
  const tracked = await measureExecutor({ tracked: true, watched: false });

  const rawUs = perTaskUs(median(raw));
  console.log(`pool: ${POOL} worker(s); ${TASKS} tiny tasks per round, median of ${ROUNDS} rounds; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`raw worker_threads round trip:           ${rawUs.toFixed(1)} µs per task`);
  const setups = [
    ['executor, tracking off', untracked],
    ['executor, tracking off, a UI listening', watched],
    ['executor, nested tracked run per task', tracked],
  ] as const;
  for (const [name, times] of setups) {
    const us = perTaskUs(median(times));
    console.log(`${name.padEnd(40)} ${us.toFixed(1)} µs per task = ${(us / rawUs).toFixed(2)}× raw (rounds: ${times.map((t) => perTaskUs(t).toFixed(0)).join(', ')} µs)`);
  }
}

await main();
