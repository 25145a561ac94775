/**
 * The evaluation charts a training run logs under charts/ (written by
 * pipelines/flows/training/chart-artifacts.ts; the renderer cannot import
 * pipelines/, so the shapes and names are repeated here).
 */
export interface ConfusionMatrixChart {
  kind: 'confusion_matrix';
  classes: string[];
  counts: number[][];
  normalized: number[][];
}

export interface RocChart {
  kind: 'roc_curve';
  curves: Array<{ positive: string; fpr: number[]; tpr: number[]; auc: number }>;
}

export interface ImportanceChart {
  kind: 'impurity_importance' | 'permutation_importance';
  features: Array<{ name: string; importance: number; std?: number }>;
  measure?: string;
  repeats?: number;
  baseline?: number;
}

export interface CvScores {
  metric: string;
  scores: number[];
  mean: number;
  std: number;
}

export interface TrainingCharts {
  confusionMatrix: ConfusionMatrixChart | null;
  roc: RocChart | null;
  impurity: ImportanceChart | null;
  permutation: ImportanceChart | null;
  cv: CvScores | null;
}

export const CHART_FILES: Record<keyof TrainingCharts, string> = {
  confusionMatrix: 'charts/confusion_matrix.json',
  roc: 'charts/roc_curve.json',
  impurity: 'charts/importance_impurity.json',
  permutation: 'charts/importance_permutation.json',
  cv: 'charts/cv_scores.json',
};
