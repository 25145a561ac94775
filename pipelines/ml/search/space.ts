/**
 * Search spaces and the candidates drawn from them. A space lists, for each
 * parameter (scikit-learn's names), the values to try. Candidates are listed as
 * scikit-learn's ParameterGrid lists them (keys in alphabetical order, the last
 * key varying fastest); a randomized search takes n_iter distinct grid points
 * drawn with a seeded generator (all of them when n_iter covers the grid).
 */
import { PipelineError } from '../../errors';
import type { ModelKind, ModelParams, ParamValue } from '../classifier';
import { NumpyRandomState } from '../sklearn-random';

export type SearchSpace = Record<string, readonly ParamValue[]>;

export interface SearchPreset {
  name: string;
  model: ModelKind;
  space: SearchSpace;
  /** Randomized search with this many candidates (null: the whole grid). */
  nIter: number | null;
  cv: number;
  description: string;
}

/** The original platform's RandomizedSearchCV over a RandomForestClassifier. */
export const ORIGINAL_RF_SEARCH: SearchPreset = {
  name: 'original-rf',
  model: 'rf',
  space: {
    n_estimators: [100, 200, 300],
    max_features: ['sqrt', 'log2'],
    max_depth: [5, 10, 15, null],
    min_samples_split: [10, 20, 30],
    min_samples_leaf: [5, 10, 15],
    bootstrap: [true, false],
    criterion: ['gini', 'entropy'],
  },
  nIter: 100,
  cv: 10,
  description: "The original platform's search: RandomizedSearchCV(RandomForestClassifier), 100 candidates, 10-fold stratified CV.",
};

export const GBT_SEARCH: SearchPreset = {
  name: 'gbt',
  model: 'gbt',
  space: {
    n_estimators: [50, 100, 200],
    learning_rate: [0.03, 0.1, 0.3],
    max_depth: [2, 3, 4],
    subsample: [0.7, 1],
    min_samples_leaf: [1, 5, 10],
  },
  nIter: 30,
  cv: 5,
  description: 'Gradient-boosted trees: 30 candidates, 5-fold stratified CV.',
};

export const LOGREG_SEARCH: SearchPreset = {
  name: 'logreg',
  model: 'logreg',
  space: { C: [0.001, 0.01, 0.1, 1, 10, 100] },
  nIter: null,
  cv: 5,
  description: 'L2 logistic regression: the C grid, 5-fold stratified CV.',
};

export const SEARCH_PRESETS: readonly SearchPreset[] = [ORIGINAL_RF_SEARCH, GBT_SEARCH, LOGREG_SEARCH];

/** The default search for a model type. */
export function presetFor(model: ModelKind): SearchPreset {
  return SEARCH_PRESETS.find((p) => p.model === model)!;
}

function checkSpace(space: SearchSpace): string[] {
  const keys = Object.keys(space).sort();
  for (const k of keys) {
    if (space[k]!.length === 0) throw new PipelineError('INVALID_PARAMETER', `The search space gives no value for ${k}.`);
  }
  return keys;
}

/** Number of points in the grid. */
export function gridSize(space: SearchSpace): number {
  return checkSpace(space).reduce((n, k) => n * space[k]!.length, 1);
}

/** The grid point at `index`, in ParameterGrid's order. */
export function gridPoint(space: SearchSpace, index: number): ModelParams {
  const keys = checkSpace(space);
  const out: ModelParams = {};
  for (let i = keys.length - 1; i >= 0; i--) {
    const values = space[keys[i]!]!;
    out[keys[i]!] = values[index % values.length]!;
    index = Math.floor(index / values.length);
  }
  return Object.fromEntries(keys.map((k) => [k, out[k]!]));
}

export function gridCandidates(space: SearchSpace): ModelParams[] {
  return Array.from({ length: gridSize(space) }, (_, i) => gridPoint(space, i));
}

/** n_iter distinct grid points, in the order drawn (a partial Fisher–Yates on numpy's generator). */
export function randomCandidates(space: SearchSpace, nIter: number, seed = 0): ModelParams[] {
  if (!(Number.isInteger(nIter) && nIter >= 1)) throw new PipelineError('INVALID_PARAMETER', `n_iter must be a whole number ≥ 1; got ${nIter}.`);
  const size = gridSize(space);
  if (nIter >= size) return gridCandidates(space);
  const rng = new NumpyRandomState(seed);
  const chosen = new Map<number, number>();
  const out: ModelParams[] = [];
  for (let i = 0; i < nIter; i++) {
    const j = i + rng.interval(size - 1 - i);
    const pick = chosen.get(j) ?? j;
    chosen.set(j, chosen.get(i) ?? i);
    out.push(gridPoint(space, pick));
  }
  return out;
}
