/**
 * Random-forest fit time against scikit-learn on the same table in the same run.
 *
 *   npx tsx bench/forest.bench.ts [TREES]
 *
 * Table: 150 rows × 600 features, 2 classes, seeded (a few informative columns
 * plus noise), the benchmark shape. Both fit TREES trees (default 300) with
 * max_features sqrt on one thread (scikit-learn n_jobs=1, OMP_NUM_THREADS=1).
 * Prints both wall times and their ratio; the target is ours ≤ 1.5 × scikit-learn's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracy, argmaxRows, fitRandomForest, predictProbaForest } from '../pipelines/ml';
import { benchTable, writeTableCsv } from './support/ml-table';

const TREES = Number(process.argv[2] ?? 300);
const ROWS = 150;
const COLS = 600;

const { x, y } = benchTable(ROWS, COLS);
const dir = mkdtempSync(join(tmpdir(), 'forest-bench-'));
const csv = join(dir, 'table.csv');
writeTableCsv(csv, x, y);

const start = performance.now();
const forest = fitRandomForest(x, y, { nEstimators: TREES, maxFeatures: 'sqrt', seed: 0 });
const ours = (performance.now() - start) / 1000;
const trainAccuracy = accuracy(y, argmaxRows(predictProbaForest(forest, x), 2));

const sk = JSON.parse(
  execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'forest_sklearn.py'), csv, String(TREES)], {
    env: { ...process.env, OMP_NUM_THREADS: '1' },
    encoding: 'utf8',
  }),
) as { seconds: number; trainAccuracy: number };
rmSync(dir, { recursive: true, force: true });

console.log(`random forest, ${TREES} trees, ${ROWS} × ${COLS}, max_features sqrt, one thread`);
console.log(`  NeuroOps:     ${ours.toFixed(2)} s (train accuracy ${trainAccuracy.toFixed(3)})`);
console.log(`  scikit-learn: ${sk.seconds.toFixed(2)} s (train accuracy ${sk.trainAccuracy.toFixed(3)})`);
console.log(`  ratio ${(ours / sk.seconds).toFixed(2)} × scikit-learn (target ≤ 1.5)`);
