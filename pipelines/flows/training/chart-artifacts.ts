/**
 * The evaluation charts of the train stage, each logged twice: as JSON under
 * charts/ (the app draws its charts from these) and as SVG under plots/ (an
 * image MLflow's UI shows after sync). Paths are fixed: the run page and the
 * Models page look them up by name.
 */
import { accuracy, argmaxRows, permutationImportance, type FeatureMatrix } from '../../ml';
import { impurityImportances, predictProbaClassifier, type TrainedClassifier } from '../../ml/classifier';
import {
  confusionMatrixArtifact,
  confusionMatrixSvg,
  importanceArtifact,
  importanceSvg,
  rocArtifact,
  rocSvg,
  type ConfusionMatrixArtifact,
  type ImportanceArtifact,
  type RocArtifact,
} from '../../ml/artifacts';
import type { TrackingLog } from '../task';

export const CHART_ARTIFACTS = {
  confusionMatrix: 'confusion_matrix',
  roc: 'roc_curve',
  impurity: 'importance_impurity',
  permutation: 'importance_permutation',
} as const;

export const chartJsonPath = (name: string): string => `charts/${name}.json`;
export const chartSvgPath = (name: string): string => `plots/${name}.svg`;
export const CV_SCORES_PATH = chartJsonPath('cv_scores');

/** Repeats of each feature's shuffle for the permutation importance (scikit-learn's default). */
export const PERMUTATION_REPEATS = 5;

export interface EvaluationCharts {
  confusionMatrix: ConfusionMatrixArtifact;
  roc: RocArtifact;
  /** Logistic regression has no impurity: its mean |coefficient| on standardized inputs stands in. */
  impurity: ImportanceArtifact & { measure: 'impurity' | 'mean |coefficient| (standardized)' };
  permutation: ImportanceArtifact & { baseline: number; repeats: number; scoring: 'accuracy' };
}

/**
 * The charts of a fitted model on the test part: its probabilities `proba`
 * (rows × classes) against the true labels `yTest`. Permutation importance is
 * the drop in test accuracy when one feature's column is shuffled.
 */
export function evaluationCharts(
  model: TrainedClassifier,
  xTest: FeatureMatrix,
  yTest: Int32Array,
  proba: Float64Array,
  classes: string[],
  featureNames: string[],
  seed: number,
  onFeature?: (done: number, total: number) => void,
): EvaluationCharts {
  const K = classes.length;
  const permuted = permutationImportance(xTest, (x) => accuracy(yTest, argmaxRows(predictProbaClassifier(model, x), K)), {
    nRepeats: PERMUTATION_REPEATS,
    seed,
    ...(onFeature ? { onFeature } : {}),
  });
  return {
    confusionMatrix: confusionMatrixArtifact(yTest, argmaxRows(proba, K), classes),
    roc: rocArtifact(yTest, proba, classes),
    impurity: {
      ...importanceArtifact('impurity_importance', featureNames, impurityImportances(model)),
      measure: model.kind === 'logreg' ? 'mean |coefficient| (standardized)' : 'impurity',
    },
    permutation: {
      ...importanceArtifact('permutation_importance', featureNames, permuted.mean, permuted.std),
      baseline: permuted.baseline,
      repeats: PERMUTATION_REPEATS,
      scoring: 'accuracy',
    },
  };
}

export function logEvaluationCharts(log: TrackingLog, charts: EvaluationCharts): void {
  const pairs: Array<[string, unknown, string]> = [
    [CHART_ARTIFACTS.confusionMatrix, charts.confusionMatrix, confusionMatrixSvg(charts.confusionMatrix)],
    [CHART_ARTIFACTS.roc, charts.roc, rocSvg(charts.roc)],
    [CHART_ARTIFACTS.impurity, charts.impurity, importanceSvg(charts.impurity)],
    [CHART_ARTIFACTS.permutation, charts.permutation, importanceSvg(charts.permutation)],
  ];
  for (const [name, json, svg] of pairs) {
    log.json(chartJsonPath(name), json);
    log.text(chartSvgPath(name), svg);
  }
}
