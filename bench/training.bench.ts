/**
 * Training and inference against scikit-learn, in the same run.
 *
 *   npx tsx bench/training.bench.ts [TREES] [--search]
 *
 * Table: 150 × 600, two classes, seeded (bench/support/ml-table.ts), the shape.
 * - Fit times, one thread each (scikit-learn n_jobs=1, OMP_NUM_THREADS=1): a forest of
 *   TREES trees (default 300, max_features sqrt), gradient boosting (100 stages, depth 3),
 *   standardized logistic regression (C = 1). Targets: forest ≤ 1.5 × scikit-learn.
 * - The forest on the executor's worker pool (2 workers, one chunk of trees each, pool
 *   warmed first; the table reaches the flow as a file, as training data do): target
 *   faster than scikit-learn n_jobs=1.
 * - ONNX inference through onnxruntime-node (the exported forest, boosting and logistic
 *   regression): median latency of one recording (1 row) and of a batch of 1,000 rows.
 * - With --search: the original platform's search (RandomizedSearchCV space, 100
 *   candidates, 10-fold CV) on a 48 × 152 table (the demo's 48 subjects; 152 features
 *   stands for the band-power set, 19 channels × 8), here on one thread and on the pool,
 *   and scikit-learn's RandomizedSearchCV(n_jobs=1) on the same table.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { closeDatabase, openDatabase } from '../main/db/database';
import { Executor } from '../main/services/executor/executor';
import { planSearch, runSearchInline } from '../pipelines/flows/ml-search';
import { exportClassifierOnnx, fitClassifier, type FeatureMatrix, type ModelKind, type TrainedClassifier } from '../pipelines/ml';
import { ORIGINAL_RF_SEARCH } from '../pipelines/ml/search';
import { benchTable, writeTableCsv } from './support/ml-table';
import { registry } from './support/training-flows';

const TREES = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 300);
const SEARCH = process.argv.includes('--search');
const dir = mkdtempSync(join(tmpdir(), 'training-bench-'));

function seconds<T>(work: () => T): { value: T; s: number } {
  const start = performance.now();
  const value = work();
  return { value, s: (performance.now() - start) / 1000 };
}

function sklearn(x: FeatureMatrix, y: Int32Array, search: boolean): Record<string, number> {
  const csv = join(dir, `table-${x.rows}x${x.cols}.csv`);
  writeTableCsv(csv, x, y);
  const args = [join(import.meta.dirname, 'training_sklearn.py'), csv, String(TREES), ...(search ? ['search'] : [])];
  return JSON.parse(execFileSync('/usr/bin/python3', args, { env: { ...process.env, OMP_NUM_THREADS: '1' }, encoding: 'utf8' })) as Record<string, number>;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function latency(model: TrainedClassifier, names: string[], x: FeatureMatrix): Promise<{ one: number; batch: number }> {
  const session = await InferenceSession.create(exportClassifierOnnx(model, { featureNames: names, classes: ['a', 'b'] }));
  const row = new Tensor('float32', Float32Array.from(x.data.subarray(0, x.cols)), [1, x.cols]);
  const batchData = new Float32Array(1000 * x.cols);
  for (let r = 0; r < 1000; r++) batchData.set(Float32Array.from(x.data.subarray((r % x.rows) * x.cols, ((r % x.rows) + 1) * x.cols)), r * x.cols);
  const batch = new Tensor('float32', batchData, [1000, x.cols]);
  const time = async (feeds: Record<string, Tensor>, n: number): Promise<number> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await session.run(feeds);
      out.push(performance.now() - start);
    }
    return median(out);
  };
  await time({ features: row }, 5);
  const result = { one: await time({ features: row }, 200), batch: await time({ features: batch }, 20) };
  await session.release();
  return result;
}

async function onPool<T>(flow: string, params: Record<string, unknown>, warm: Record<string, unknown> | null): Promise<{ value: T; s: number }> {
  const { db } = openDatabase(join(dir, `${flow}.db`));
  const executor = new Executor({ db, registry, registryUrl: new URL('./support/training-flows.ts', import.meta.url).href, poolSize: 2 });
  try {
    // A warm-up run starts the workers, so a short fit is not timed with their start-up.
    if (warm) await executor.waitFor(executor.start(flow, warm).flowRunId);
    const start = performance.now();
    const run = await executor.waitFor(executor.start(flow, params).flowRunId);
    if (run.state !== 'Completed') throw new Error(`${flow} ended ${run.state}`);
    return { value: run.result as T, s: (performance.now() - start) / 1000 };
  } finally {
    await executor.close();
    closeDatabase(db);
  }
}

const { x, y } = benchTable(150, 600);
const names = Array.from({ length: x.cols }, (_, i) => `f${i}`);
const fits: Record<ModelKind, { value: TrainedClassifier; s: number }> = {
  rf: seconds(() => fitClassifier('rf', { n_estimators: TREES, max_features: 'sqrt' }, x, y, 0)),
  gbt: seconds(() => fitClassifier('gbt', { n_estimators: 100, max_depth: 3 }, x, y, 0)),
  logreg: seconds(() => fitClassifier('logreg', { C: 1 }, x, y, 0)),
};
const sk = sklearn(x, y, false);
const tablePath = join(dir, 'forest-table.f64');
writeFileSync(tablePath, new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength));
const forestTable = { tablePath, rows: x.rows, cols: x.cols, y: Array.from(y) };
const pooled = await onPool('bench_forest_pool', { ...forestTable, trees: TREES, chunks: 2 }, { ...forestTable, trees: 2, chunks: 2 });

console.log(`training on 150 × 600, one thread each (scikit-learn n_jobs=1, OMP_NUM_THREADS=1)`);
const line = (what: string, ours: number, ref: number, target: string): void =>
  console.log(`  ${what.padEnd(34)} NeuroOps ${ours.toFixed(2)} s   scikit-learn ${ref.toFixed(2)} s   ratio ${(ours / ref).toFixed(2)} ×${target}`);
line(`random forest, ${TREES} trees`, fits.rf.s, sk.forest!, ' (target ≤ 1.5)');
line(`random forest, ${TREES} trees, pool of 2`, pooled.s, sk.forest!, ' (target < 1)');
line('gradient boosting, 100 stages', fits.gbt.s, sk.gbt!, '');
line('logistic regression', fits.logreg.s, sk.logreg!, '');

console.log('ONNX inference through onnxruntime-node (median)');
for (const kind of ['rf', 'gbt', 'logreg'] as const) {
  const l = await latency(fits[kind].value, names, x);
  console.log(`  ${kind.padEnd(7)} one recording ${l.one.toFixed(3)} ms   batch of 1,000 ${l.batch.toFixed(2)} ms`);
}

if (SEARCH) {
  const s = benchTable(48, 152, 12, 0.9, 7);
  const plan = planSearch(s.y, { model: 'rf', space: ORIGINAL_RF_SEARCH.space, nIter: ORIGINAL_RF_SEARCH.nIter, cv: ORIGINAL_RF_SEARCH.cv, seed: 0 });
  const inline = seconds(() => runSearchInline(s.x, s.y, plan));
  const searchTable = { data: Array.from(s.x.data), rows: s.x.rows, cols: s.x.cols, y: Array.from(s.y) };
  const pool = await onPool<{ best: number }>('bench_search_pool', { ...searchTable, chunks: 8 }, null);
  const skSearch = sklearn(s.x, s.y, true);
  console.log("the original's search (100 candidates × 10 folds, its forest space) on 48 × 152");
  console.log(`  NeuroOps one thread ${inline.s.toFixed(1)} s (best CV accuracy ${inline.value.best.mean.toFixed(3)})   pool of 2 ${pool.s.toFixed(1)} s   scikit-learn n_jobs=1 ${skSearch.search!.toFixed(1)} s`);
}
rmSync(dir, { recursive: true, force: true });
