/**
 * The table the trainers read: rows are samples, columns are features, stored
 * row-major in one Float64Array so a row is a contiguous slice.
 */
import { PipelineError } from '../errors';

export interface FeatureMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Builds a matrix from an array of equal-length rows (the shape a CSV reader gives). */
export function matrixFromRows(rows: ArrayLike<number>[]): FeatureMatrix {
  const cols = rows.length > 0 ? rows[0]!.length : 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new PipelineError('INVALID_FEATURES', `Feature row ${i} has ${row.length} values; the first row has ${cols}.`);
    }
    data.set(Array.from(row), i * cols);
  });
  return { data, rows: rows.length, cols };
}

/** The rows at `indices`, in that order (a fold's training or test part). */
export function selectRows(x: FeatureMatrix, indices: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(indices.length * x.cols);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols);
  }
  return { data, rows: indices.length, cols: x.cols };
}

/**
 * Checks labels against a matrix and returns the number of classes. Labels
 * are class indices 0..K-1 (the caller maps names to indices and keeps the names).
 */
export function checkLabels(x: FeatureMatrix, y: ArrayLike<number>): number {
  if (y.length !== x.rows) {
    throw new PipelineError('INVALID_FEATURES', `There are ${x.rows} feature rows but ${y.length} labels.`);
  }
  if (x.rows === 0) throw new PipelineError('INVALID_FEATURES', 'The feature table has no rows to train on.');
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new PipelineError('INVALID_FEATURES', `Label ${v} at row ${i} is not a class index (0, 1, 2, …).`);
    }
    if (v > max) max = v;
  }
  for (let i = 0; i < x.data.length; i++) {
    if (!Number.isFinite(x.data[i]!)) {
      const row = Math.floor(i / x.cols);
      throw new PipelineError('INVALID_FEATURES', `Feature ${i % x.cols} of row ${row} is not a finite number; remove or impute it before training.`);
    }
  }
  return max + 1;
}

/** Class indices as an Int32Array, taking ownership of plain arrays. */
export function toLabels(y: ArrayLike<number>): Int32Array {
  return y instanceof Int32Array ? y : Int32Array.from(y as ArrayLike<number>);
}
