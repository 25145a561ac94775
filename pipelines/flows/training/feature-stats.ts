/**
 * Per-feature statistics of the training rows, saved with the model so a later
 * prediction can tell when a recording's features lie outside what the model
 * saw (an out-of-distribution check). Quantiles are numpy's default (linear
 * interpolation between order statistics); std is the population std.
 */
export interface FeatureStats {
  name: string;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Quantile → value, keys "0.01" … "0.99". */
  quantiles: Record<string, number>;
}

export const STAT_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function featureStats(featureNames: string[], X: number[][]): FeatureStats[] {
  return featureNames.map((name, c) => {
    const values = Float64Array.from(X, (row) => row[c]!).sort();
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    return {
      name,
      mean,
      std: Math.sqrt(variance),
      min: values[0]!,
      max: values[values.length - 1]!,
      quantiles: Object.fromEntries(STAT_QUANTILES.map((q) => [String(q), quantile(values, q)])),
    };
  });
}
