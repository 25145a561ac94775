/**
 * ROC curve points as scikit-learn 1.2's roc_curve(drop_intermediate=True):
 * thresholds are the distinct scores in decreasing order, points that lie on a
 * straight segment are dropped, and a first point (0, 0) is added at
 * threshold max + 1.
 */
import { PipelineError } from '../errors';

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

export function rocCurve(isPositive: ArrayLike<boolean | number>, score: ArrayLike<number>): RocCurve {
  if (isPositive.length !== score.length || score.length === 0) {
    throw new PipelineError('INVALID_PARAMETER', `ROC needs one score per label; got ${isPositive.length} labels and ${score.length} scores.`);
  }
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  const tps: number[] = [];
  const fps: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  let fp = 0;
  order.forEach((i, k) => {
    if (isPositive[i]) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || score[next]! !== score[i]!) {
      tps.push(tp);
      fps.push(fp);
      thr.push(score[i]!);
    }
  });
  if (tp === 0 || fp === 0) {
    throw new PipelineError('UNDEFINED_METRIC', 'A ROC curve needs both positive and negative samples; one class is missing from the labels.');
  }
  // drop_intermediate: keep the ends and every point where the slope changes.
  const keep = thr.map((_, i) => i === 0 || i === thr.length - 1 || fps[i - 1]! - 2 * fps[i]! + fps[i + 1]! !== 0 || tps[i - 1]! - 2 * tps[i]! + tps[i + 1]! !== 0);
  const idx = keep.flatMap((k, i) => (k ? [i] : []));
  return {
    fpr: [0, ...idx.map((i) => fps[i]! / fp)],
    tpr: [0, ...idx.map((i) => tps[i]! / tp)],
    thresholds: [thr[idx[0]!]! + 1, ...idx.map((i) => thr[i]!)],
  };
}

/** Trapezoidal area under a curve given by increasing x. */
export function areaUnder(x: readonly number[], y: readonly number[]): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return a;
}
