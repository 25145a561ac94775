/**
 * The training benchmarks' seeded tables: two classes, a few informative
 * columns shifted by the class, the rest noise; written to CSV for scikit-learn.
 */
import { writeFileSync } from 'node:fs';
import { SeededRandom, type FeatureMatrix } from '../../pipelines/ml';

export function benchTable(rows: number, cols: number, informative = 10, shift = 0.8, seed = 42): { x: FeatureMatrix; y: Int32Array } {
  const rng = new SeededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  const y = Int32Array.from({ length: rows }, (_, i) => i % 2);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) data[r * cols + c] = gauss() + (c < informative ? shift * y[r]! : 0);
  }
  return { x: { data, rows, cols }, y };
}

/** Rows then the label, comma-separated, no header (numpy.loadtxt reads it). */
export function writeTableCsv(file: string, x: FeatureMatrix, y: ArrayLike<number>): void {
  const lines: string[] = [];
  for (let r = 0; r < x.rows; r++) lines.push([...x.data.subarray(r * x.cols, (r + 1) * x.cols), y[r]!].join(','));
  writeFileSync(file, lines.join('\n') + '\n');
}
