/** Feature preparation: the correlation filter, stratified (grouped) k-fold plans and the train/test split. */
export { correlationFilter, correlationMatrix } from './correlation-filter';
export type { CorrelationFilterResult, DroppedFeature } from './correlation-filter';
export { groupedStratifiedKFold, stratifiedKFold, stratifiedTestFolds, subjectLabels } from './folds';
export type { Fold, KFoldOptions, SubjectLabels } from './folds';
export { stratifiedTrainTestSplit } from './split';
export type { SplitOptions, TrainTestSplit } from './split';
