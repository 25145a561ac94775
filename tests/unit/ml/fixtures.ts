/** Loads the scikit-learn reference tables and numbers (scripts/fixtures/make-ml-fixtures.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matrixFromRows, type FeatureMatrix } from '../../../pipelines/ml';

const DIR = join(import.meta.dirname, '../../fixtures/ml');

export interface Table {
  names: string[];
  x: FeatureMatrix;
  y: Int32Array;
}

export function loadTable(name: string): Table {
  const lines = readFileSync(join(DIR, `${name}.csv`), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  return {
    names: header.slice(0, -1),
    x: matrixFromRows(rows.map((r) => r.slice(0, -1))),
    y: Int32Array.from(rows.map((r) => r[r.length - 1]!)),
  };
}

export interface TreeNodeRef {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  counts: number[];
  nSamples: number;
  tied?: boolean;
}

export interface Reference {
  sklearnVersion: string;
  scaler: Array<{ table: string; mean: number[]; scale: number[] }>;
  logreg: Array<{ table: string; C: number; classes: number[]; coef: number[][]; intercept: number[]; proba: number[][] }>;
  trees: Array<{
    table: string;
    params: { criterion: 'gini' | 'entropy'; max_depth?: number; min_samples_split?: number; min_samples_leaf?: number };
    nodes: TreeNodeRef[];
    predict: number[];
  }>;
  forests: Array<{
    table: string;
    params: {
      n_estimators: number;
      max_features: 'sqrt' | number;
      class_weight?: 'balanced';
      criterion?: 'gini' | 'entropy';
      max_depth?: number;
      min_samples_leaf?: number;
      min_samples_split?: number;
    };
    folds: number[][];
    accuracy: number[];
    meanAccuracy: number;
  }>;
  metrics: Array<{
    name: string;
    yTrue: number[];
    yPred: number[];
    proba: number[][];
    accuracy: number;
    balancedAccuracy: number;
    precision: number[];
    recall: number[];
    f1: number[];
    macroPrecision: number;
    macroRecall: number;
    macroF1: number;
    rocAuc: number;
    logLoss: number;
    confusion: number[][];
  }>;
}

export const reference: Reference = JSON.parse(readFileSync(join(DIR, 'ml-reference.json'), 'utf8'));

export interface GbtParams {
  n_estimators: number;
  learning_rate: number;
  max_depth: number;
  min_samples_leaf?: number;
  min_samples_split?: number;
  subsample?: number;
  random_state: number;
}

/** scripts/fixtures/make-training-fixtures.py: gradient boosting, feature preparation and search references. */
export interface TrainingReference {
  sklearnVersion: string;
  gbt: Array<{
    table: string;
    params: GbtParams;
    proba: number[][];
    importances: number[];
    /** stages[s][k]: scikit-learn's tree for raw column k at stage s (leaf -2 as feature). */
    stages: Array<Array<{ feature: number[]; threshold: number[]; weightedSamples: number[]; value: number[] }>>;
  }>;
  correlation: Array<{ table: string; threshold: number; dropped: number[] }>;
  kfold: Array<{ labels: string; y: number[]; nSplits: number; shuffle: boolean; seed: number | null; testFolds: number[] }>;
  split: Array<{ labels: string; y: number[]; testSize: number; seed: number; train: number[]; test: number[] }>;
  grid: { size: number; points: Array<Record<string, string | number | boolean | null>>; indices: number[] };
  cv: Array<{ table: string; C: number; scoring: string; scores: number[]; mean: number; std: number }>;
  roc: Array<{ case: string; positive: number; fpr: number[]; tpr: number[]; thresholds: number[] }>;
  permutation: { table: string; C: number; nRepeats: number; seed: number; mean: number[]; std: number[]; drops: number[][] };
}

export const trainingReference: TrainingReference = JSON.parse(readFileSync(join(DIR, 'training-reference.json'), 'utf8'));
