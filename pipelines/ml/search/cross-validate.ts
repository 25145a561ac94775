/**
 * Scoring one candidate by cross-validation: fit on each fold's training rows,
 * score the held-out rows, and summarize as scikit-learn's cv_results_ does
 * (mean and population standard deviation of the fold scores).
 */
import { PipelineError } from '../../errors';
import { fitClassifier, predictProbaClassifier, type ModelKind, type ModelParams } from '../classifier';
import { selectRows, type FeatureMatrix } from '../matrix';
import { accuracy, balancedAccuracy, classReport, logLoss, rocAuc } from '../metrics';
import { argmaxRows } from '../random-forest';
import type { Fold } from '../prep/folds';

export type Scoring = 'accuracy' | 'balanced_accuracy' | 'f1_macro' | 'roc_auc' | 'neg_log_loss';
export const SCORINGS: readonly Scoring[] = ['accuracy', 'balanced_accuracy', 'f1_macro', 'roc_auc', 'neg_log_loss'];

/** A score where higher is better (log-loss is negated, as scikit-learn's neg_log_loss). */
export function score(scoring: Scoring, yTrue: ArrayLike<number>, proba: Float64Array, nClasses: number): number {
  const yPred = argmaxRows(proba, nClasses);
  switch (scoring) {
    case 'accuracy':
      return accuracy(yTrue, yPred);
    case 'balanced_accuracy':
      return balancedAccuracy(yTrue, yPred);
    case 'f1_macro':
      return classReport(yTrue, yPred, nClasses).macroF1;
    case 'roc_auc':
      return rocAuc(yTrue, proba, nClasses);
    case 'neg_log_loss':
      return -logLoss(yTrue, proba, nClasses);
    default:
      throw new PipelineError('INVALID_PARAMETER', `Unknown scoring "${String(scoring)}"; use ${SCORINGS.join(', ')}.`);
  }
}

export interface CvSummary {
  scores: number[];
  mean: number;
  /** Population standard deviation (ddof 0), as scikit-learn's std_test_score. */
  std: number;
}

export function summarizeScores(scores: number[]): CvSummary {
  if (scores.length === 0) throw new PipelineError('INVALID_PARAMETER', 'There are no fold scores to summarize.');
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, s) => a + (s - mean) * (s - mean), 0) / scores.length);
  return { scores, mean, std };
}

export interface CandidateRequest {
  model: ModelKind;
  params: ModelParams;
  seed: number;
  scoring: Scoring;
}

export interface CandidateResult extends CvSummary {
  params: ModelParams;
  /** Wall time of all folds, ms. */
  fitMs: number;
}

/** Cross-validates one candidate on the given folds. `onFold` is called after each fold. */
export function crossValidate(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  folds: readonly Fold[],
  request: CandidateRequest,
  onFold?: (done: number, total: number) => void,
  signal?: AbortSignal,
): CandidateResult {
  const started = performance.now();
  let nClasses = 0;
  for (let i = 0; i < y.length; i++) nClasses = Math.max(nClasses, y[i]! + 1);
  const scores = folds.map((fold, i) => {
    signal?.throwIfAborted();
    const model = fitClassifier(request.model, request.params, selectRows(x, fold.train), fold.train.map((r) => y[r]!), request.seed);
    const proba = predictProbaClassifier(model, selectRows(x, fold.test));
    const yTest = fold.test.map((r) => y[r]!);
    // A fold's training part may miss a class: pad its probabilities to every class.
    const K = model.model.nClasses;
    const full = K === nClasses ? proba : padClasses(proba, K, nClasses);
    onFold?.(i + 1, folds.length);
    return score(request.scoring, yTest, full, nClasses);
  });
  return { params: request.params, ...summarizeScores(scores), fitMs: performance.now() - started };
}

function padClasses(proba: Float64Array, from: number, to: number): Float64Array {
  const rows = proba.length / from;
  const out = new Float64Array(rows * to);
  for (let r = 0; r < rows; r++) for (let k = 0; k < from; k++) out[r * to + k] = proba[r * from + k]!;
  return out;
}

/**
 * The best candidate: the highest mean score; on equal means the earliest, as
 * scikit-learn's best_index_ (rank 1 with method 'min', first of them).
 */
export function chooseBest(results: readonly CandidateResult[]): { index: number; result: CandidateResult } {
  if (results.length === 0) throw new PipelineError('INVALID_PARAMETER', 'The search has no candidate results to choose from.');
  let index = 0;
  results.forEach((r, i) => {
    if (r.mean > results[index]!.mean) index = i;
  });
  return { index, result: results[index]! };
}
