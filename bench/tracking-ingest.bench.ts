/**
 * Metric ingestion: `npx tsx bench/tracking-ingest.bench.ts`
 *
 * Points per second, measured in one run on the same machine:
 *  - reference: a raw better-sqlite3 loop of prepared INSERTs into a table shaped like
 *    the history (series, step, timestamp, value, is_nan, same index), 1000 rows per
 *    transaction, nothing else;
 *  - the tracking service in process: logBatch of 1000 metrics (10 keys × 100 steps),
 *    which also validates, keeps the latest value and the chart rollups up to date;
 *  - MLflow's runs/log-batch over HTTP on `neuroops serve`, 4 keep-alive fetch clients at
 *    once, run on the server's own thread and, as training scripts are, apart from it (a
 *    worker thread).
 * Targets: the service in process and log-batch over HTTP at least 50% of the raw loop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { startServer } from '../main/app/server';
import { fmt, openBenchTracker } from './tracking-bench-support';

const BATCH = 1000;
const KEYS = 10;
const BATCHES = 300; // 300,000 points per measurement

function batchOf(b: number) {
  const metrics = [];
  for (let i = 0; i < BATCH; i += 1) {
    const step = b * (BATCH / KEYS) + Math.floor(i / KEYS);
    metrics.push({ key: `metric_${i % KEYS}`, value: Math.sin(step / 100) + Math.random() / 10, timestamp: 1_700_000_000_000 + step, step });
  }
  return metrics;
}

function rawLoop(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-raw-'));
  const db = new Database(path.join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE points (series_id INTEGER NOT NULL, step INTEGER NOT NULL, timestamp INTEGER NOT NULL, value REAL NOT NULL, is_nan INTEGER NOT NULL) STRICT;
           CREATE INDEX points_by_series_step ON points (series_id, step, timestamp);`);
  const insert = db.prepare('INSERT INTO points VALUES (?, ?, ?, ?, ?)');
  const insertBatch = db.transaction((metrics: ReturnType<typeof batchOf>) => {
    for (const m of metrics) insert.run(Number(m.key.slice(7)), m.step, m.timestamp, m.value, 0);
  });
  const batches = Array.from({ length: BATCHES }, (_, b) => batchOf(b));
  const start = performance.now();
  for (const metrics of batches) insertBatch(metrics);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return (BATCHES * BATCH) / seconds;
}

async function inProcess(): Promise<number> {
  const bench = openBenchTracker();
  const { runId } = await bench.tracking.createRun({ experimentId: '0' });
  const batches = Array.from({ length: BATCHES }, (_, b) => batchOf(b));
  const start = performance.now();
  for (const metrics of batches) await bench.tracking.logBatch(runId, { metrics });
  const seconds = (performance.now() - start) / 1000;
  bench.close();
  return (BATCHES * BATCH) / seconds;
}

/** The clients' loop, run in a worker thread: training scripts are other processes, not the server's thread. */
const CLIENTS_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, clients } = workerData;
let next = 0;
const start = performance.now();
Promise.all(Array.from({ length: clients }, async () => {
  while (next < bodies.length) {
    const body = bodies[next++];
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    if (!response.ok) throw new Error('log-batch failed: ' + (await response.text()));
    await response.arrayBuffer();
  }
})).then(() => parentPort.postMessage({ ms: performance.now() - start }), (error) => parentPort.postMessage({ error: String(error) }));
`;

/** `clients` keep-alive fetch clients posting every batch, from the server's own thread or from a worker thread. */
async function overHttp(clients: number, from: 'same thread' | 'worker thread'): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-http-'));
  const server = await startServer({ dataDir, port: 0, rendererDir: dataDir });
  const url = `${server.url}api/2.0/mlflow/runs/log-batch`;
  const runIds = await Promise.all(Array.from({ length: clients }, async () => (await server.core.services.tracking.createRun({ experimentId: '0' })).runId));
  const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ run_id: runIds[b % clients], metrics: batchOf(Math.floor(b / clients)) }));
  let ms: number;
  if (from === 'worker thread') {
    const worker = new Worker(CLIENTS_SOURCE, { eval: true, workerData: { url, bodies, clients } });
    const [answer] = (await once(worker, 'message')) as [{ ms?: number; error?: string }];
    await worker.terminate();
    if (answer.error) throw new Error(answer.error);
    ms = answer.ms!;
  } else {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      runIds.map(async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
          if (!response.ok) throw new Error(`log-batch failed: ${await response.text()}`);
          await response.arrayBuffer();
        }
      }),
    );
    ms = performance.now() - start;
  }
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return (BATCHES * BATCH) / (ms / 1000);
}

const best = async (runs: number, fn: () => number | Promise<number>): Promise<number> => {
  let top = 0;
  for (let i = 0; i < runs; i += 1) top = Math.max(top, await fn());
  return top;
};

const raw = await best(3, rawLoop);
const service = await best(3, inProcess);
const http = await best(2, () => overHttp(4, 'same thread'));
const httpApart = await best(2, () => overHttp(4, 'worker thread'));
console.log(`Metric ingestion, ${fmt(BATCHES * BATCH, 0)} points in batches of ${BATCH} (best of 3; HTTP best of 2)`);
console.log(`  raw better-sqlite3 prepared-insert loop : ${fmt(raw, 0)} points/s (reference)`);
console.log(`  tracking service, in process            : ${fmt(service, 0)} points/s = ${fmt((service / raw) * 100, 0)}% of raw (target >= 50%)`);
console.log(`  MLflow runs/log-batch over HTTP, 4 clients on the server's thread: ${fmt(http, 0)} points/s = ${fmt((http / raw) * 100, 0)}% of raw`);
console.log(`  MLflow runs/log-batch over HTTP, 4 clients in a worker thread  : ${fmt(httpApart, 0)} points/s = ${fmt((httpApart / raw) * 100, 0)}% of raw (target >= 50%)`);
