/**
 * Standardization as scikit-learn's StandardScaler: subtract the column mean and
 * divide by the population standard deviation (ddof 0); a constant column keeps
 * scale 1 so it maps to 0 instead of dividing by zero.
 */
import type { FeatureMatrix } from './matrix';

export interface StandardScaler {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

export function fitStandardScaler(x: FeatureMatrix): StandardScaler {
  const { rows, cols, data } = x;
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += data[r * cols + c]!;
  for (let c = 0; c < cols; c++) mean[c]! /= rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = data[r * cols + c]! - mean[c]!;
      scale[c]! += d * d;
    }
  }
  for (let c = 0; c < cols; c++) {
    const std = Math.sqrt(scale[c]! / rows);
    scale[c] = std > 10 * Number.EPSILON * Math.max(1, Math.abs(mean[c]!)) ? std : 1;
  }
  return { mean, scale };
}

export function transformStandard(scaler: StandardScaler, x: FeatureMatrix): FeatureMatrix {
  const { rows, cols } = x;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) data[r * cols + c] = (x.data[r * cols + c]! - scaler.mean[c]!) / scaler.scale[c]!;
  }
  return { data, rows, cols };
}
