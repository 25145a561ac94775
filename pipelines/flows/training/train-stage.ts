/**
 * `ml.train`, the train stage of the training flow: cross-validate the chosen
 * model on the train part, fit it on the whole train part, evaluate it on the
 * test part, export it to ONNX and log it as an MLflow model directory. The
 * stage's run holds the params, the metrics (which the registry's promotion
 * gates compare) and the artifacts (charts as JSON and SVG, the model directory).
 */
import { z } from 'zod';
import { PipelineError } from '../../errors';
import { argmaxRows, classificationMetrics, matrixFromRows, type ClassificationMetrics } from '../../ml';
import {
  MODEL_KINDS,
  exportClassifierOnnx,
  fitClassifier,
  predictProbaClassifier,
  type ModelKind,
  type ModelParams,
} from '../../ml/classifier';
import { groupedStratifiedKFold } from '../../ml/prep';
import { crossValidate } from '../../ml/search';
import { defineStage } from '../ml-pipeline/stage';
import type { TaskContext } from '../task';
import { CV_SCORES_PATH, evaluationCharts, logEvaluationCharts } from './chart-artifacts';
import { featureStats } from './feature-stats';
import { MODEL_ARTIFACT_PATH, modelDirectoryFiles } from './model-directory';
import type { PreparedData } from './prepare-stage';
import type { SearchSummary } from './search-step';

export interface CvSummary {
  metric: 'accuracy';
  scores: number[];
  mean: number;
  std: number;
}

export interface TrainResult {
  model: string;
  search: { candidates: number; bestScore: number; bestStd: number; elapsedMs: number } | null;
  params: ModelParams;
  classes: string[];
  featureNames: string[];
  metrics: Record<string, number>;
  cv: CvSummary;
  modelArtifactPath: string;
}

export const trainArgs = z.object({
  model: z.enum(MODEL_KINDS as [ModelKind, ...ModelKind[]]).default('rf'),
  /** Hyper-parameters in scikit-learn's names (n_estimators, max_depth…); the rest keep scikit-learn's defaults. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  cv: z.number().int().min(2).max(50).default(5),
  seed: z.number().int().min(0).default(0),
  /** Candidates of a randomized search over the model's preset space; 0: no search, `params` as given. */
  search: z.number().int().min(0).max(10_000).default(0),
  /** The search's summary, filled in by the flow when it ran one (pipelines/flows/training/search-step.ts). */
  searchResult: z.unknown().optional(),
});
export type TrainArgs = z.output<typeof trainArgs>;

const encode = (y: string[], classes: string[]): Int32Array => Int32Array.from(y, (label) => classes.indexOf(label));

/** Stratified k-fold CV (shuffled, seeded; each subject in one fold) of one model on the train part. */
export function crossValidateTrainPart(data: PreparedData, model: ModelKind, params: ModelParams, k: number, seed: number, onFold?: (done: number) => void): CvSummary {
  const y = encode(data.y, data.classes);
  const subjects = new Map<string, number>();
  data.ids.forEach((id, i) => subjects.set(id, y[i]!));
  const rarest = Math.min(...data.classes.map((_, c) => [...subjects.values()].filter((v) => v === c).length));
  if (rarest < k) {
    throw new PipelineError('TOO_FEW_ROWS', `The train part has ${rarest} subjects of its rarest class, fewer than the ${k} CV folds; lower --cv.`);
  }
  const folds = groupedStratifiedKFold(y, data.ids, k, { shuffle: true, seed });
  const result = crossValidate(matrixFromRows(data.X), y, folds, { model, params, seed, scoring: 'accuracy' }, (done) => onFold?.(done));
  return { metric: 'accuracy', scores: result.scores, mean: result.mean, std: result.std };
}

/** Metric keys as MLflow shows them: accuracy, f1_macro, precision_HC… */
export function metricEntries(metrics: ClassificationMetrics, classes: string[], cv: CvSummary): Record<string, number> {
  const out: Record<string, number> = {
    accuracy: metrics.accuracy,
    balanced_accuracy: metrics.balancedAccuracy,
    precision_macro: metrics.macroPrecision,
    recall_macro: metrics.macroRecall,
    f1_macro: metrics.macroF1,
    roc_auc: metrics.rocAuc,
    log_loss: metrics.logLoss,
    cv_accuracy_mean: cv.mean,
    cv_accuracy_std: cv.std,
  };
  classes.forEach((c, k) => {
    out[`precision_${c}`] = metrics.precision[k]!;
    out[`recall_${c}`] = metrics.recall[k]!;
    out[`f1_${c}`] = metrics.f1[k]!;
  });
  return out;
}

function logModelDirectory(ctx: TaskContext, files: Array<[string, Uint8Array]>): void {
  for (const [name, bytes] of files) ctx.log.artifact(`${MODEL_ARTIFACT_PATH}/${name}`, bytes);
}

export function trainModel(data: PreparedData, args: TrainArgs, ctx: TaskContext): TrainResult {
  if (!data || !Array.isArray(data.X) || !data.test) throw new PipelineError('BAD_STAGE_INPUT', 'ml.train needs the output of a process stage that splits the rows (ml.prepare).');
  const params: ModelParams = args.params;
  const steps = args.cv + 2;
  ctx.progress(0, `cross-validating ${args.model} (${args.cv} folds)`);
  const cv = crossValidateTrainPart(data, args.model, params, args.cv, args.seed, (done) => {
    ctx.signal.throwIfAborted();
    ctx.progress(done / steps, `fold ${done}/${args.cv}`);
  });
  cv.scores.forEach((s, i) => ctx.log.metric('cv_accuracy', s, i));

  ctx.progress((args.cv + 1) / steps, 'fitting on the train part');
  const model = fitClassifier(args.model, params, matrixFromRows(data.X), encode(data.y, data.classes), args.seed);
  const xTest = matrixFromRows(data.test.X);
  const proba = predictProbaClassifier(model, xTest);
  const yTest = encode(data.test.y, data.classes);
  const evaluation = classificationMetrics(yTest, argmaxRows(proba, data.classes.length), proba, data.classes.length);
  const metrics = metricEntries(evaluation, data.classes, cv);

  ctx.log.param('model', args.model);
  const search = args.searchResult as SearchSummary | undefined;
  ctx.log.param('search_candidates', search?.candidates ?? 0);
  if (search) {
    ctx.log.metric('search_best_cv_accuracy', search.bestScore);
    ctx.log.metric('search_seconds', search.elapsedMs / 1000);
    ctx.log.json('search/results.json', search);
  }
  ctx.log.param('cv_folds', args.cv);
  ctx.log.param('seed', args.seed);
  // Only the parameters given are logged; the others are scikit-learn's defaults.
  for (const [key, value] of Object.entries(params)) ctx.log.param(`model.${key}`, value === null ? 'None' : value);
  for (const [key, value] of Object.entries(metrics)) ctx.log.metric(key, value);
  ctx.log.json(CV_SCORES_PATH, cv);
  ctx.progress((args.cv + 1.5) / steps, 'permutation importance on the test part');
  const onFeature = (done: number, total: number): void => {
    ctx.signal.throwIfAborted();
    // About twenty updates whatever the number of features.
    if (done % Math.max(1, Math.round(total / 20)) === 0) ctx.progress((args.cv + 1.5 + (0.4 * done) / total) / steps, `permutation importance ${done}/${total} features`);
  };
  logEvaluationCharts(ctx.log, evaluationCharts(model, xTest, yTest, proba, data.classes, data.featureNames, args.seed, onFeature));

  const onnx = exportClassifierOnnx(model, { featureNames: data.featureNames, classes: data.classes, ...(data.specHash ? { specHash: data.specHash } : {}) });
  logModelDirectory(
    ctx,
    modelDirectoryFiles({
      onnx,
      featureNames: data.featureNames,
      classes: data.classes,
      spec: data.spec,
      specHash: data.specHash,
      harmonization: data.harmonization,
      stats: featureStats(data.featureNames, data.X),
      trainRows: data.X.length,
      exampleRow: data.X[0]!,
      model: { type: args.model, params },
      createdAt: new Date(),
    }),
  );
  ctx.progress(1, 'done');
  ctx.logger.info(`Test accuracy ${evaluation.accuracy.toFixed(3)}, CV accuracy ${cv.mean.toFixed(3)} ± ${cv.std.toFixed(3)}.`);
  const searchInfo = search ? { candidates: search.candidates, bestScore: search.bestScore, bestStd: search.bestStd, elapsedMs: search.elapsedMs } : null;
  return { model: args.model, search: searchInfo, params, classes: data.classes, featureNames: data.featureNames, metrics, cv, modelArtifactPath: MODEL_ARTIFACT_PATH };
}

export const trainStage = defineStage({
  kind: 'train',
  name: 'ml.train',
  description: 'Cross-validates, fits and evaluates a classifier (rf, logreg, gbt), exports it to ONNX and logs it as an MLflow model directory.',
  args: trainArgs,
  run: (input: PreparedData, args, ctx) => trainModel(input, args, ctx),
});
