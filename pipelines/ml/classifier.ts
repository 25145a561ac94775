/**
 * One door to the three trainers, by name: fit with scikit-learn-named
 * parameters (as a search space declares them), predict probabilities, read
 * importances and export ONNX, whatever the model type. Logistic regression
 * carries its StandardScaler, so every classifier takes raw features.
 */
import { PipelineError } from '../errors';
import { fitGradientBoosting, predictProbaGradientBoosting, type GradientBoostingModel } from './gradient-boosting';
import { fitLogisticRegression, predictProbaLogistic, type LogisticRegressionModel } from './logistic-regression';
import type { FeatureMatrix } from './matrix';
import { exportGradientBoostingOnnx, exportLogisticRegressionOnnx, exportRandomForestOnnx, type ClassifierModelInfo } from './onnx';
import { fitRandomForest, predictProbaForest, type RandomForestModel } from './random-forest';
import { fitStandardScaler, transformStandard, type StandardScaler } from './scaler';

export type ModelKind = 'rf' | 'gbt' | 'logreg';
export const MODEL_KINDS: readonly ModelKind[] = ['rf', 'gbt', 'logreg'];

/** A parameter value as a search space writes it (scikit-learn's names and values; null is None). */
export type ParamValue = number | string | boolean | null;
export type ModelParams = Record<string, ParamValue>;

export type TrainedClassifier =
  | { kind: 'rf'; model: RandomForestModel }
  | { kind: 'gbt'; model: GradientBoostingModel }
  | { kind: 'logreg'; scaler: StandardScaler; model: LogisticRegressionModel };

/** Which parameters each model type takes (scikit-learn's names). */
const KNOWN: Record<ModelKind, readonly string[]> = {
  rf: ['n_estimators', 'max_features', 'max_depth', 'min_samples_split', 'min_samples_leaf', 'bootstrap', 'criterion', 'class_weight'],
  gbt: ['n_estimators', 'learning_rate', 'max_depth', 'min_samples_split', 'min_samples_leaf', 'max_features', 'subsample'],
  logreg: ['C', 'max_iter'],
};

function checkParams(kind: ModelKind, params: ModelParams): void {
  if (!MODEL_KINDS.includes(kind)) throw new PipelineError('INVALID_PARAMETER', `Unknown model type "${kind}"; use rf, gbt or logreg.`);
  const unknown = Object.keys(params).filter((k) => !KNOWN[kind].includes(k));
  if (unknown.length > 0) {
    throw new PipelineError('INVALID_PARAMETER', `${kind} takes no parameter ${unknown.join(', ')}; it takes ${KNOWN[kind].join(', ')}.`);
  }
}

const num = (v: ParamValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const maxFeatures = (v: ParamValue | undefined): 'sqrt' | 'log2' | 'all' | number | undefined =>
  v === null ? 'all' : v === 'sqrt' || v === 'log2' || typeof v === 'number' ? v : undefined;

export function fitClassifier(kind: ModelKind, params: ModelParams, x: FeatureMatrix, y: ArrayLike<number>, seed = 0, onProgress?: (done: number, total: number) => void): TrainedClassifier {
  checkParams(kind, params);
  if (kind === 'logreg') {
    const scaler = fitStandardScaler(x);
    return { kind, scaler, model: fitLogisticRegression(transformStandard(scaler, x), y, { C: num(params.C), maxIterations: num(params.max_iter) }) };
  }
  const tree = {
    maxDepth: params.max_depth === null ? null : num(params.max_depth),
    minSamplesSplit: num(params.min_samples_split),
    minSamplesLeaf: num(params.min_samples_leaf),
    maxFeatures: maxFeatures(params.max_features),
    nEstimators: num(params.n_estimators),
    seed,
  };
  if (kind === 'gbt') {
    return { kind, model: fitGradientBoosting(x, y, { ...tree, learningRate: num(params.learning_rate), subsample: num(params.subsample), onStage: onProgress }) };
  }
  const criterion = params.criterion === 'entropy' ? 'entropy' : 'gini';
  const bootstrap = typeof params.bootstrap === 'boolean' ? params.bootstrap : undefined;
  const classWeight = params.class_weight === 'balanced' ? 'balanced' : null;
  return { kind, model: fitRandomForest(x, y, { ...tree, criterion, bootstrap, classWeight, onTree: onProgress }) };
}

export function classifierClasses(c: TrainedClassifier): number {
  return c.model.nClasses;
}

/** Class probabilities, row-major (rows × classes). */
export function predictProbaClassifier(c: TrainedClassifier, x: FeatureMatrix): Float64Array {
  if (c.kind === 'logreg') return predictProbaLogistic(c.model, transformStandard(c.scaler, x));
  if (c.kind === 'gbt') return predictProbaGradientBoosting(c.model, x);
  return predictProbaForest(c.model, x);
}

/** Impurity-based importances for trees; for logistic regression the mean |coefficient| per standardized feature, normalized to sum 1. */
export function impurityImportances(c: TrainedClassifier): Float64Array {
  if (c.kind !== 'logreg') return c.model.importances;
  const d = c.model.nFeatures;
  const vectors = c.model.coef.length / d;
  const out = new Float64Array(d);
  for (let v = 0; v < vectors; v++) for (let f = 0; f < d; f++) out[f]! += Math.abs(c.model.coef[v * d + f]!);
  const total = out.reduce((a, b) => a + b, 0);
  return total > 0 ? out.map((v) => v / total) : out;
}

export function exportClassifierOnnx(c: TrainedClassifier, info: ClassifierModelInfo): Uint8Array {
  if (c.kind === 'logreg') return exportLogisticRegressionOnnx(c.scaler, c.model, info);
  if (c.kind === 'gbt') return exportGradientBoostingOnnx(c.model, info);
  return exportRandomForestOnnx(c.model, info);
}
