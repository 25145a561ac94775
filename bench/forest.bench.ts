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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracy, argmaxRows, fitRandomForest, predictProbaForest, SeededRandom, type FeatureMatrix } from '../pipelines/ml';

const TREES = Number(process.argv[2] ?? 300);
const ROWS = 150;
const COLS = 600;

function table(): { x: FeatureMatrix; y: Int32Array } {
  const rng = new SeededRandom(42);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  const y = Int32Array.from({ length: ROWS }, (_, i) => i % 2);
  const data = new Float64Array(ROWS * COLS);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) data[r * COLS + c] = gauss() + (c < 10 ? 0.8 * y[r]! : 0);
  }
  return { x: { data, rows: ROWS, cols: COLS }, y };
}

const { x, y } = table();
const dir = mkdtempSync(join(tmpdir(), 'forest-bench-'));
const csv = join(dir, 'table.csv');
const lines: string[] = [];
for (let r = 0; r < ROWS; r++) lines.push([...x.data.subarray(r * COLS, (r + 1) * COLS), y[r]!].join(','));
writeFileSync(csv, lines.join('\n') + '\n');

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
