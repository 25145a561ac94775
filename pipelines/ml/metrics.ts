/**
 * Classification metrics with scikit-learn's definitions (sklearn.metrics 1.2).
 * Labels are class indices 0..K-1; probabilities are row-major (rows × K).
 * Where a ratio has a zero denominator (a class never predicted, or absent from
 * the truth) it is 0, as scikit-learn's zero_division=0.
 */
import { PipelineError } from '../errors';

function checkSameLength(yTrue: ArrayLike<unknown>, other: ArrayLike<unknown>, what: string): void {
  if (yTrue.length !== other.length) {
    throw new PipelineError('INVALID_PARAMETER', `There are ${yTrue.length} true labels but ${other.length} ${what}.`);
  }
  if (yTrue.length === 0) throw new PipelineError('INVALID_PARAMETER', 'There are no labels to score.');
}

function classCount(...ys: ArrayLike<number>[]): number {
  let max = -1;
  for (const y of ys) for (let i = 0; i < y.length; i++) max = Math.max(max, y[i]!);
  return max + 1;
}

/** Rows are true classes, columns predicted classes. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses?: number): number[][] {
  checkSameLength(yTrue, yPred, 'predictions');
  const K = nClasses ?? classCount(yTrue, yPred);
  const m = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]!]![yPred[i]!]! += 1;
  return m;
}

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred, 'predictions');
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

export interface ClassReport {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
}

/** Per-class precision, recall and F1 and their unweighted (macro) means over the classes seen in either array. */
export function classReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses?: number): ClassReport {
  const m = confusionMatrix(yTrue, yPred, nClasses);
  const K = m.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  for (let k = 0; k < K; k++) {
    const tp = m[k]![k]!;
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < K; j++) {
      predicted += m[j]![k]!;
      actual += m[k]![j]!;
    }
    const p = predicted > 0 ? tp / predicted : 0;
    const r = actual > 0 ? tp / actual : 0;
    precision.push(p);
    recall.push(r);
    f1.push(p + r > 0 ? (2 * p * r) / (p + r) : 0);
    support.push(actual);
  }
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  return { precision, recall, f1, support, macroPrecision: mean(precision), macroRecall: mean(recall), macroF1: mean(f1) };
}

/** Mean recall over the classes present in the truth. */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { recall, support } = classReport(yTrue, yPred);
  let sum = 0;
  let n = 0;
  recall.forEach((r, k) => {
    if (support[k]! > 0) {
      sum += r;
      n++;
    }
  });
  return sum / n;
}

/**
 * Area under the ROC curve of scores for the positive class (1) against the
 * rest (0): the Mann–Whitney statistic with tied scores counted half, which is
 * exactly the trapezoidal area scikit-learn computes.
 */
export function binaryRocAuc(isPositive: ArrayLike<boolean | number>, score: ArrayLike<number>): number {
  checkSameLength(isPositive, score, 'scores');
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && score[order[j + 1]!] === score[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (isPositive[order[t]!]) {
        nPos++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const nNeg = order.length - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new PipelineError('UNDEFINED_METRIC', 'ROC AUC needs both positive and negative samples; one class is missing from the labels.');
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** ROC AUC: binary (scores of class 1) for 2 classes, else one-vs-rest macro average. */
export function rocAuc(yTrue: ArrayLike<number>, proba: Float64Array, nClasses: number): number {
  checkSameLength(yTrue, { length: proba.length / nClasses }, 'probability rows');
  const column = (k: number): Float64Array => Float64Array.from({ length: yTrue.length }, (_, i) => proba[i * nClasses + k]!);
  if (nClasses === 2) return binaryRocAuc(Array.from(yTrue, (v) => v === 1), column(1));
  let sum = 0;
  for (let k = 0; k < nClasses; k++) sum += binaryRocAuc(Array.from(yTrue, (v) => v === k), column(k));
  return sum / nClasses;
}

/**
 * Mean negative log-likelihood of the true class. Rows are renormalized to sum
 * to 1 and clipped to [eps, 1 − eps] with eps the float64 machine epsilon,
 * as scikit-learn 1.2's eps='auto'.
 */
export function logLoss(yTrue: ArrayLike<number>, proba: Float64Array, nClasses: number): number {
  checkSameLength(yTrue, { length: proba.length / nClasses }, 'probability rows');
  const eps = Number.EPSILON;
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    let rowSum = 0;
    for (let k = 0; k < nClasses; k++) rowSum += Math.min(Math.max(proba[i * nClasses + k]!, eps), 1 - eps);
    const p = Math.min(Math.max(proba[i * nClasses + yTrue[i]!]!, eps), 1 - eps) / rowSum;
    sum -= Math.log(p);
  }
  return sum / yTrue.length;
}

export interface ClassificationMetrics extends ClassReport {
  accuracy: number;
  balancedAccuracy: number;
  rocAuc: number;
  logLoss: number;
  confusion: number[][];
}

/** Every metric of a classifier on one set of predictions. */
export function classificationMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, proba: Float64Array, nClasses: number): ClassificationMetrics {
  return {
    accuracy: accuracy(yTrue, yPred),
    balancedAccuracy: balancedAccuracy(yTrue, yPred),
    ...classReport(yTrue, yPred, nClasses),
    rocAuc: rocAuc(yTrue, proba, nClasses),
    logLoss: logLoss(yTrue, proba, nClasses),
    confusion: confusionMatrix(yTrue, yPred, nClasses),
  };
}
