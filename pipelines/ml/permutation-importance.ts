/**
 * Permutation importance as scikit-learn 1.2's permutation_importance: the drop
 * in score when one feature's column is shuffled, n_repeats times, on held-out
 * rows. The seed drives numpy's RandomState exactly as random_state does (one
 * randint for a shared seed, then per feature a fresh generator whose shuffles
 * of the row order accumulate over the repeats), so fixed seeds agree.
 */
import { PipelineError } from '../errors';
import type { FeatureMatrix } from './matrix';
import { NumpyRandomState } from './sklearn-random';

export interface PermutationImportance {
  /** Mean score drop per feature. */
  mean: number[];
  /** Population std of the drops over the repeats. */
  std: number[];
  /** Drops per feature and repeat. */
  drops: number[][];
  baseline: number;
}

/** `scoreOf(x)` scores the model on x against the fixed labels (higher is better). */
export function permutationImportance(
  x: FeatureMatrix,
  scoreOf: (x: FeatureMatrix) => number,
  options: { nRepeats?: number; seed?: number; onFeature?: (done: number, total: number) => void } = {},
): PermutationImportance {
  const nRepeats = options.nRepeats ?? 5;
  if (!(Number.isInteger(nRepeats) && nRepeats >= 1)) throw new PipelineError('INVALID_PARAMETER', `n_repeats must be a whole number ≥ 1; got ${nRepeats}.`);
  const baseline = scoreOf(x);
  const seed = new NumpyRandomState(options.seed ?? 0).randint(0, 2 ** 31);
  const drops: number[][] = [];
  for (let f = 0; f < x.cols; f++) {
    const rng = new NumpyRandomState(seed);
    const permuted = { ...x, data: Float64Array.from(x.data) };
    const idx = Array.from({ length: x.rows }, (_, i) => i);
    const featureDrops: number[] = [];
    for (let r = 0; r < nRepeats; r++) {
      rng.shuffle(idx);
      const column = idx.map((i) => permuted.data[i * x.cols + f]!);
      column.forEach((v, i) => (permuted.data[i * x.cols + f] = v));
      featureDrops.push(baseline - scoreOf(permuted));
    }
    drops.push(featureDrops);
    options.onFeature?.(f + 1, x.cols);
  }
  const mean = drops.map((d) => d.reduce((a, b) => a + b, 0) / d.length);
  const std = drops.map((d, f) => Math.sqrt(d.reduce((a, v) => a + (v - mean[f]!) ** 2, 0) / d.length));
  return { mean, std, drops, baseline };
}
