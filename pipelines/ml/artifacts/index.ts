/**
 * Training artifacts, each as JSON (the UI's charts) and as SVG (an image MLflow
 * shows after sync): the confusion matrix, the ROC curve(s) and the feature
 * importances. Pure builders: the caller logs them (e.g. ctx.log.json / ctx.log.text).
 */
export { confusionMatrixArtifact, confusionMatrixSvg } from './confusion-matrix';
export type { ConfusionMatrixArtifact } from './confusion-matrix';
export { rocArtifact, rocSvg } from './roc';
export type { RocArtifact } from './roc';
export { importanceArtifact, importanceSvg } from './importances';
export type { ImportanceArtifact } from './importances';
