/**
 * Stratified k-fold plans. `stratifiedKFold` gives the very folds of
 * scikit-learn 1.2's StratifiedKFold(n_splits, shuffle, random_state): classes
 * numbered by first appearance, each fold's share of a class allotted round-robin
 * over the sorted labels, the fold numbers of a class laid out in blocks and, with
 * shuffle, permuted by numpy's RandomState(seed).shuffle.
 * `groupedStratifiedKFold` does the same over subjects (one label each), so that
 * all recordings of a subject fall in the same fold.
 */
import { PipelineError } from '../../errors';
import { NumpyRandomState } from '../sklearn-random';

export interface Fold {
  train: number[];
  test: number[];
}

export interface KFoldOptions {
  shuffle?: boolean;
  seed?: number;
}

/** The test fold of every sample, as scikit-learn's _make_test_folds. */
export function stratifiedTestFolds(y: ArrayLike<number>, nSplits: number, options: KFoldOptions = {}): Int32Array {
  if (!(Number.isInteger(nSplits) && nSplits >= 2)) {
    throw new PipelineError('INVALID_PARAMETER', `The number of folds must be a whole number ≥ 2; got ${nSplits}.`);
  }
  // Classes numbered in order of first appearance.
  const code = new Map<number, number>();
  const encoded = Int32Array.from(y, (v) => {
    if (!code.has(v)) code.set(v, code.size);
    return code.get(v)!;
  });
  const K = code.size;
  const counts = new Int32Array(K);
  for (const c of encoded) counts[c]!++;
  if (encoded.length < nSplits || Array.from(counts).every((c) => c < nSplits)) {
    throw new PipelineError(
      'TOO_FEW_SAMPLES',
      `${nSplits}-fold cross-validation needs at least ${nSplits} samples of some class; the largest class has ${Math.max(...counts)}. Use fewer folds.`,
    );
  }
  const sorted = Int32Array.from(encoded).sort();
  // allocation[i][k]: samples of class k in test fold i (round-robin over sorted labels).
  const allocation = Array.from({ length: nSplits }, () => new Int32Array(K));
  for (let i = 0; i < sorted.length; i++) allocation[i % nSplits]![sorted[i]!]!++;
  const rng = options.shuffle ? new NumpyRandomState(options.seed ?? 0) : null;
  const testFolds = new Int32Array(encoded.length);
  for (let k = 0; k < K; k++) {
    const folds: number[] = [];
    for (let i = 0; i < nSplits; i++) for (let c = 0; c < allocation[i]![k]!; c++) folds.push(i);
    if (rng) rng.shuffle(folds);
    let next = 0;
    for (let s = 0; s < encoded.length; s++) if (encoded[s] === k) testFolds[s] = folds[next++]!;
  }
  return testFolds;
}

function foldsFrom(testFolds: Int32Array, nSplits: number): Fold[] {
  return Array.from({ length: nSplits }, (_, i) => {
    const train: number[] = [];
    const test: number[] = [];
    testFolds.forEach((f, s) => (f === i ? test : train).push(s));
    return { train, test };
  });
}

export function stratifiedKFold(y: ArrayLike<number>, nSplits: number, options: KFoldOptions = {}): Fold[] {
  return foldsFrom(stratifiedTestFolds(y, nSplits, options), nSplits);
}

export interface SubjectLabels {
  /** Subject id of each sample; sample order is the table's. */
  subjects: string[];
  /** One label per subject, in order of first appearance. */
  labels: number[];
  /** Index into `labels` of each sample. */
  index: Int32Array;
}

/** Each subject's label; refuses a subject whose recordings carry different labels. */
export function subjectLabels(y: ArrayLike<number>, groups: readonly string[]): SubjectLabels {
  if (groups.length !== y.length) {
    throw new PipelineError('INVALID_PARAMETER', `There are ${y.length} labels but ${groups.length} subject ids.`);
  }
  const at = new Map<string, number>();
  const subjects: string[] = [];
  const labels: number[] = [];
  const index = new Int32Array(y.length);
  groups.forEach((g, s) => {
    let i = at.get(g);
    if (i === undefined) {
      i = subjects.length;
      at.set(g, i);
      subjects.push(g);
      labels.push(y[s]!);
    } else if (labels[i] !== y[s]) {
      throw new PipelineError('INCONSISTENT_LABELS', `Subject ${g} has recordings labelled ${labels[i]} and ${y[s]}; a subject must have one label to be split by subject.`);
    }
    index[s] = i;
  });
  return { subjects, labels, index };
}

/** Stratified k-fold over subjects: every recording of a subject is in the same fold. */
export function groupedStratifiedKFold(y: ArrayLike<number>, groups: readonly string[], nSplits: number, options: KFoldOptions = {}): Fold[] {
  const { labels, index } = subjectLabels(y, groups);
  const subjectFold = stratifiedTestFolds(labels, nSplits, options);
  return foldsFrom(Int32Array.from(index, (i) => subjectFold[i]!), nSplits);
}
