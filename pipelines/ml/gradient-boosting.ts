/**
 * Gradient-boosted trees with the log-loss, as scikit-learn 1.2's
 * GradientBoostingClassifier (loss='log_loss', criterion='friedman_mse'):
 * - the raw score starts at the class priors: log(p/(1−p)) for two classes,
 *   log(p_k) per class for more (priors clipped to the float32 epsilon);
 * - each stage fits one regression tree per raw score (one for two classes, K for
 *   K classes) to the negative gradient y − p, computed for every tree of a stage
 *   from the scores before the stage;
 * - each leaf then takes one Newton step, Σr / Σ(y−r)(1−y+r) (times (K−1)/K for
 *   K classes), over the in-bag rows it holds, and the raw score of every row
 *   moves by learning_rate × its leaf's step;
 * - subsample < 1 draws ⌊subsample·n⌋ rows (at least 1) without replacement per
 *   stage, by selection sampling on uniform draws;
 * - the seed drives numpy's RandomState exactly as scikit-learn's random_state
 *   does (sklearn-random.ts): one uniform per row for each subsample, one randint
 *   per tree for the tree's feature order. So equal seeds give equal models,
 *   ties between equally good splits resolved the same way.
 * Probabilities: the sigmoid of the raw score (two classes) or its softmax.
 */
import { PipelineError } from '../errors';
import { checkLabels, toLabels, type FeatureMatrix } from './matrix';
import { NumpyRandomState, RAND_R_MAX } from './sklearn-random';
import {
  applyRegressionTree, columnMajorFloat32, fitRegressionTree, regressionTreeImportances, type RegressionTreeModel, type RegressionTreeOptions,
} from './regression-tree';

export interface GradientBoostingOptions extends Omit<RegressionTreeOptions, 'seed'> {
  /** Number of boosting stages (scikit-learn's n_estimators, default 100). */
  nEstimators?: number;
  learningRate?: number;
  /** Fraction of rows each stage sees (default 1). */
  subsample?: number;
  seed?: number;
  /** Called after each stage, for progress on long fits. */
  onStage?: (done: number, total: number) => void;
}

export interface GradientBoostingModel {
  readonly kind: 'gbt';
  readonly nFeatures: number;
  readonly nClasses: number;
  readonly learningRate: number;
  /** The initial raw score per raw column (1 for two classes, K for more). */
  readonly init: Float64Array;
  /** stages[s][k]: the tree of raw column k at stage s; leaf values are the Newton steps. */
  readonly stages: RegressionTreeModel[][];
  /** Impurity-based importances (mean over the trees that split), summing to 1. */
  readonly importances: Float64Array;
}

const FLOAT32_EPS = 2 ** -23;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Softmax of row r of a rows × K raw matrix into out (scipy's logsumexp: shift by the maximum). */
function softmaxRow(raw: Float64Array, r: number, K: number, out: Float64Array, outOffset: number): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, raw[r * K + k]!);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += Math.exp(raw[r * K + k]! - max);
  const lse = max + Math.log(sum);
  for (let k = 0; k < K; k++) out[outOffset + k] = Math.exp(raw[r * K + k]! - lse);
}

function checkOptions(o: GradientBoostingOptions): { nEstimators: number; learningRate: number; subsample: number } {
  const nEstimators = o.nEstimators ?? 100;
  const learningRate = o.learningRate ?? 0.1;
  const subsample = o.subsample ?? 1;
  if (!(Number.isInteger(nEstimators) && nEstimators >= 1)) {
    throw new PipelineError('INVALID_PARAMETER', `n_estimators must be a whole number ≥ 1; got ${nEstimators}.`);
  }
  if (!(learningRate > 0)) throw new PipelineError('INVALID_PARAMETER', `learning_rate must be positive; got ${learningRate}.`);
  if (!(subsample > 0 && subsample <= 1)) throw new PipelineError('INVALID_PARAMETER', `subsample must be in (0, 1]; got ${subsample}.`);
  return { nEstimators, learningRate, subsample };
}

/** Exactly ⌊fraction·n⌋ (at least 1) rows, drawn without replacement by selection sampling. */
export function subsampleMask(n: number, fraction: number, rng: NumpyRandomState): Float64Array {
  const mask = new Float64Array(n);
  if (fraction >= 1) return mask.fill(1);
  const inBag = Math.max(1, Math.floor(fraction * n));
  const draws = Float64Array.from({ length: n }, () => rng.uniform());
  let taken = 0;
  for (let i = 0; i < n; i++) {
    if (draws[i]! * (n - i) < inBag - taken) {
      mask[i] = 1;
      taken++;
    }
  }
  return mask;
}

export function fitGradientBoosting(x: FeatureMatrix, labels: ArrayLike<number>, options: GradientBoostingOptions = {}): GradientBoostingModel {
  const y = toLabels(labels);
  const K = Math.max(2, checkLabels(x, y));
  const { nEstimators, learningRate, subsample } = checkOptions(options);
  const n = x.rows;
  const nTrees = K === 2 ? 1 : K;
  const counts = new Float64Array(K);
  for (let i = 0; i < n; i++) counts[y[i]!]! += 1;
  const clip = (p: number): number => Math.min(Math.max(p, FLOAT32_EPS), 1 - FLOAT32_EPS);
  const init =
    K === 2
      ? Float64Array.of(Math.log(clip(counts[1]! / n) / (1 - clip(counts[1]! / n))))
      : counts.map((c) => Math.log(clip(c / n)));

  const X = columnMajorFloat32(x);
  const raw = new Float64Array(n * nTrees);
  for (let i = 0; i < n; i++) raw.set(init, i * nTrees);
  const residuals = Array.from({ length: nTrees }, () => new Float64Array(n));
  const probs = new Float64Array(K);
  const rng = new NumpyRandomState(options.seed ?? 0);
  const stages: RegressionTreeModel[][] = [];
  const importanceSum = new Float64Array(x.cols);
  let splittingTrees = 0;

  for (let s = 0; s < nEstimators; s++) {
    const mask = subsampleMask(n, subsample, rng);
    // Every tree of a stage fits the gradient at the scores before the stage.
    for (let i = 0; i < n; i++) {
      if (K === 2) residuals[0]![i] = (y[i] === 1 ? 1 : 0) - sigmoid(raw[i]!);
      else {
        softmaxRow(raw, i, K, probs, 0);
        for (let k = 0; k < K; k++) residuals[k]![i] = (y[i] === k ? 1 : 0) - probs[k]!;
      }
    }
    const stage: RegressionTreeModel[] = [];
    for (let k = 0; k < nTrees; k++) {
      const residual = residuals[k]!;
      const tree = fitRegressionTree(X, n, residual, mask, { ...options, seed: rng.randint(0, RAND_R_MAX) });
      const leaves = applyRegressionTree(tree, X, n);
      const numerator = new Float64Array(tree.feature.length);
      const denominator = new Float64Array(tree.feature.length);
      const target = K === 2 ? 1 : k;
      for (let i = 0; i < n; i++) {
        if (mask[i] === 0) continue;
        const yk = y[i] === target ? 1 : 0;
        const r = residual[i]!;
        numerator[leaves[i]!]! += r;
        denominator[leaves[i]!]! += (yk - r) * (1 - yk + r);
      }
      const scale = K === 2 ? 1 : (K - 1) / K;
      for (let node = 0; node < tree.feature.length; node++) {
        if (tree.feature[node]! >= 0) continue;
        (tree.value as Float64Array)[node] = Math.abs(denominator[node]!) < 1e-150 ? 0 : (numerator[node]! * scale) / denominator[node]!;
      }
      for (let i = 0; i < n; i++) raw[i * nTrees + k]! += learningRate * tree.value[leaves[i]!]!;
      if (tree.feature.length > 1) {
        splittingTrees++;
        const imp = regressionTreeImportances(tree);
        for (let f = 0; f < x.cols; f++) importanceSum[f]! += imp[f]!;
      }
      stage.push(tree);
    }
    stages.push(stage);
    options.onStage?.(s + 1, nEstimators);
  }
  let total = 0;
  for (let f = 0; f < x.cols; f++) total += importanceSum[f]!;
  const importances = splittingTrees > 0 && total > 0 ? importanceSum.map((v) => v / total) : new Float64Array(x.cols);
  return { kind: 'gbt', nFeatures: x.cols, nClasses: K, learningRate, init, stages, importances };
}

/** The raw scores (rows × raw columns), summed stage by stage as scikit-learn's predict_stages. */
export function rawScoresGradientBoosting(model: GradientBoostingModel, x: FeatureMatrix): Float64Array {
  if (x.cols !== model.nFeatures) {
    throw new PipelineError('FEATURE_MISMATCH', `The model expects ${model.nFeatures} features; the table has ${x.cols}.`);
  }
  const nTrees = model.init.length;
  const X = columnMajorFloat32(x);
  const raw = new Float64Array(x.rows * nTrees);
  for (let i = 0; i < x.rows; i++) raw.set(model.init, i * nTrees);
  for (const stage of model.stages) {
    stage.forEach((tree, k) => {
      const leaves = applyRegressionTree(tree, X, x.rows);
      for (let i = 0; i < x.rows; i++) raw[i * nTrees + k]! += model.learningRate * tree.value[leaves[i]!]!;
    });
  }
  return raw;
}

/** Class probabilities, row-major (rows × nClasses). */
export function predictProbaGradientBoosting(model: GradientBoostingModel, x: FeatureMatrix): Float64Array {
  const raw = rawScoresGradientBoosting(model, x);
  const K = model.nClasses;
  const out = new Float64Array(x.rows * K);
  for (let i = 0; i < x.rows; i++) {
    if (K === 2) {
      const p1 = sigmoid(raw[i]!);
      out[2 * i] = 1 - p1;
      out[2 * i + 1] = p1;
    } else {
      softmaxRow(raw, i, K, out, i * K);
    }
  }
  return out;
}
