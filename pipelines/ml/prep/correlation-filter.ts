/**
 * Drops one feature of every pair correlated above a threshold (the original
 * platform used |r| > 0.8), by the rule of the usual pandas recipe, so a table
 * gives the same kept columns here as there:
 *
 *   upper = df.corr().abs() above the diagonal
 *   drop column j when |r(i, j)| > threshold for any i < j
 *
 * So of a correlated pair the later column goes and the earlier stays, whether or
 * not the earlier one is itself dropped for another pair; the result depends on
 * the column order and on nothing else. r is Pearson's; a constant column has no
 * correlation (NaN in pandas) and is never dropped by this rule.
 */
import { PipelineError } from '../../errors';
import type { FeatureMatrix } from '../matrix';

export interface DroppedFeature {
  /** Column index of the dropped feature. */
  feature: number;
  /** The first earlier column it is correlated with above the threshold, and their r. */
  correlatedWith: number;
  r: number;
}

export interface CorrelationFilterResult {
  threshold: number;
  /** Column indices kept, in table order. */
  kept: number[];
  dropped: DroppedFeature[];
}

/** Pearson correlation of every pair of columns (cols × cols, row-major); NaN where a column is constant. */
export function correlationMatrix(x: FeatureMatrix): Float64Array {
  const { rows, cols, data } = x;
  const centered = new Float64Array(rows * cols);
  const norm = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += data[r * cols + c]!;
    mean /= rows;
    let ss = 0;
    for (let r = 0; r < rows; r++) {
      const v = data[r * cols + c]! - mean;
      centered[c * rows + r] = v;
      ss += v * v;
    }
    norm[c] = Math.sqrt(ss);
  }
  const out = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) {
    out[i * cols + i] = norm[i]! > 0 ? 1 : NaN;
    for (let j = i + 1; j < cols; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += centered[i * rows + r]! * centered[j * rows + r]!;
      const v = norm[i]! > 0 && norm[j]! > 0 ? Math.max(-1, Math.min(1, s / (norm[i]! * norm[j]!))) : NaN;
      out[i * cols + j] = v;
      out[j * cols + i] = v;
    }
  }
  return out;
}

export function correlationFilter(x: FeatureMatrix, threshold = 0.8): CorrelationFilterResult {
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new PipelineError('INVALID_PARAMETER', `The correlation threshold must be between 0 and 1; got ${threshold}.`);
  }
  if (x.rows < 2) throw new PipelineError('INVALID_FEATURES', 'The correlation filter needs at least 2 rows.');
  const r = correlationMatrix(x);
  const kept: number[] = [];
  const dropped: DroppedFeature[] = [];
  for (let j = 0; j < x.cols; j++) {
    let partner = -1;
    for (let i = 0; i < j && partner < 0; i++) if (Math.abs(r[i * x.cols + j]!) > threshold) partner = i;
    if (partner < 0) kept.push(j);
    else dropped.push({ feature: j, correlatedWith: partner, r: r[partner * x.cols + j]! });
  }
  return { threshold, kept, dropped };
}
