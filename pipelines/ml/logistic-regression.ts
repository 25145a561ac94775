/**
 * L2-regularized logistic regression with scikit-learn's objective
 * (`LogisticRegression(C)`, lbfgs solver):
 *
 *   minimize  C · Σᵢ loss(xᵢ, yᵢ) + ½‖W‖²      (the intercepts are not penalized)
 *
 * Two classes use one weight vector and the sigmoid; more than two use one
 * vector per class and the softmax (multinomial), as scikit-learn does.
 * Inputs are expected standardized (fitStandardScaler) for good conditioning.
 */
import { PipelineError } from '../errors';
import { minimizeLbfgs } from './lbfgs';
import { checkLabels, toLabels, type FeatureMatrix } from './matrix';

export interface LogisticRegressionOptions {
  /** Inverse regularization strength, as scikit-learn's C (default 1). */
  C?: number;
  maxIterations?: number;
}

export interface LogisticRegressionModel {
  readonly kind: 'logreg';
  readonly nClasses: number;
  readonly nFeatures: number;
  /** Row-major, one row per weight vector: 1 row for 2 classes, K rows for K > 2. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly converged: boolean;
}

export function fitLogisticRegression(x: FeatureMatrix, labels: ArrayLike<number>, options: LogisticRegressionOptions = {}): LogisticRegressionModel {
  const C = options.C ?? 1;
  if (!(C > 0)) throw new PipelineError('INVALID_PARAMETER', `C must be a positive number; got ${C}.`);
  const y = toLabels(labels);
  const nClasses = Math.max(2, checkLabels(x, y));
  const { rows, cols, data } = x;
  const nVectors = nClasses === 2 ? 1 : nClasses;
  const stride = cols + 1; // each vector's weights, then its intercept
  // The objective is divided by C·n: the same minimizer, but values near 1 keep
  // the gradient tolerance meaningful whatever the table size.
  const norm = 1 / (C * rows);
  const z = new Float64Array(nVectors);
  const objective = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const off = r * cols;
      for (let k = 0; k < nVectors; k++) {
        let s = w[k * stride + cols]!;
        for (let c = 0; c < cols; c++) s += w[k * stride + c]! * data[off + c]!;
        z[k] = s;
      }
      if (nVectors === 1) {
        const t = y[r] === 1 ? 1 : -1;
        const m = t * z[0]!;
        loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
        const d = -t / (1 + Math.exp(m)); // d loss / d z
        for (let c = 0; c < cols; c++) grad[c]! += d * data[off + c]!;
        grad[cols]! += d;
      } else {
        let zMax = -Infinity;
        for (let k = 0; k < nVectors; k++) zMax = Math.max(zMax, z[k]!);
        let sum = 0;
        for (let k = 0; k < nVectors; k++) sum += Math.exp(z[k]! - zMax);
        const logSum = zMax + Math.log(sum);
        loss += logSum - z[y[r]!]!;
        for (let k = 0; k < nVectors; k++) {
          const d = Math.exp(z[k]! - logSum) - (k === y[r] ? 1 : 0);
          const base = k * stride;
          for (let c = 0; c < cols; c++) grad[base + c]! += d * data[off + c]!;
          grad[base + cols]! += d;
        }
      }
    }
    let penalty = 0;
    for (let k = 0; k < nVectors; k++) {
      for (let c = 0; c < cols; c++) {
        const v = w[k * stride + c]!;
        penalty += v * v;
        grad[k * stride + c] = grad[k * stride + c]! * C * norm + v * norm;
      }
      grad[k * stride + cols]! *= C * norm;
    }
    return C * norm * loss + 0.5 * norm * penalty;
  };
  const result = minimizeLbfgs(objective, new Float64Array(nVectors * stride), {
    maxIterations: options.maxIterations ?? 2000,
    gradientTolerance: 1e-11,
  });
  const coef = new Float64Array(nVectors * cols);
  const intercept = new Float64Array(nVectors);
  for (let k = 0; k < nVectors; k++) {
    coef.set(result.w.subarray(k * stride, k * stride + cols), k * cols);
    intercept[k] = result.w[k * stride + cols]!;
  }
  return { kind: 'logreg', nClasses, nFeatures: cols, coef, intercept, converged: result.converged };
}

/** Class probabilities, row-major (rows × nClasses). */
export function predictProbaLogistic(model: LogisticRegressionModel, x: FeatureMatrix): Float64Array {
  if (x.cols !== model.nFeatures) {
    throw new PipelineError('FEATURE_MISMATCH', `The model expects ${model.nFeatures} features; the table has ${x.cols}.`);
  }
  const { rows, cols, data } = x;
  const K = model.nClasses;
  const nVectors = K === 2 ? 1 : K;
  const out = new Float64Array(rows * K);
  const z = new Float64Array(nVectors);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < nVectors; k++) {
      let s = model.intercept[k]!;
      for (let c = 0; c < cols; c++) s += model.coef[k * cols + c]! * data[r * cols + c]!;
      z[k] = s;
    }
    if (nVectors === 1) {
      const p1 = 1 / (1 + Math.exp(-z[0]!));
      out[r * 2] = 1 - p1;
      out[r * 2 + 1] = p1;
    } else {
      let zMax = -Infinity;
      for (let k = 0; k < K; k++) zMax = Math.max(zMax, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(z[k]! - zMax);
      for (let k = 0; k < K; k++) out[r * K + k] = Math.exp(z[k]! - zMax) / sum;
    }
  }
  return out;
}
