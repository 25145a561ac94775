/** Trainers and metrics on typed arrays, checked against scikit-learn 1.2 (tests/unit/ml). */
export { matrixFromRows, selectRows, checkLabels } from './matrix';
export type { FeatureMatrix } from './matrix';
export { SeededRandom } from './random';
export { fitStandardScaler, transformStandard } from './scaler';
export type { StandardScaler } from './scaler';
export { minimizeLbfgs } from './lbfgs';
export { fitLogisticRegression, predictProbaLogistic } from './logistic-regression';
export type { LogisticRegressionModel, LogisticRegressionOptions } from './logistic-regression';
export { fitDecisionTree, predictProbaTree, applyTree, resolveMaxFeatures } from './decision-tree';
export type { DecisionTreeModel, TreeOptions, SplitCriterion, MaxFeatures } from './decision-tree';
export { fitRandomForest, predictProbaForest, argmaxRows, balancedClassWeights } from './random-forest';
export type { RandomForestModel, ForestOptions } from './random-forest';
export {
  accuracy, balancedAccuracy, binaryRocAuc, classReport, classificationMetrics, confusionMatrix, logLoss, rocAuc,
} from './metrics';
export type { ClassificationMetrics, ClassReport } from './metrics';
export { fitGradientBoosting, predictProbaGradientBoosting, rawScoresGradientBoosting } from './gradient-boosting';
export type { GradientBoostingModel, GradientBoostingOptions } from './gradient-boosting';
export { rocCurve, areaUnder } from './roc-curve';
export type { RocCurve } from './roc-curve';
export { permutationImportance } from './permutation-importance';
export type { PermutationImportance } from './permutation-importance';
export { MODEL_KINDS, exportClassifierOnnx, fitClassifier, impurityImportances, predictProbaClassifier } from './classifier';
export type { ModelKind, ModelParams, ParamValue, TrainedClassifier } from './classifier';
