/**
 * The stratified train/test split. Without subjects it gives the very split of
 * scikit-learn 1.2's train_test_split(test_size, stratify=y, random_state=seed)
 * (StratifiedShuffleSplit: ⌈test_size·n⌉ test samples, per-class counts by
 * _approximate_mode, per-class permutations and the final permutations drawn from
 * numpy's RandomState(seed)), so the same seed means the same split.
 * With subject ids (a subject with several recordings), the same split is made
 * over subjects, each with its one label, and every recording goes where its
 * subject goes: no subject is on both sides.
 */
import { PipelineError } from '../../errors';
import { NumpyRandomState } from '../sklearn-random';
import { subjectLabels } from './folds';

export interface TrainTestSplit {
  train: number[];
  test: number[];
}

export interface SplitOptions {
  /** Fraction of samples (or subjects) in the test set, default 0.2. */
  testSize?: number;
  seed?: number;
  /** Subject id of each sample: split by subject. */
  groups?: readonly string[];
}

function permutation(rng: NumpyRandomState, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  rng.shuffle(p);
  return p;
}

/** scikit-learn's _approximate_mode: per-class draws summing to nDraws, ties in the remainder broken at random. */
function approximateMode(classCounts: number[], nDraws: number, rng: NumpyRandomState): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const continuous = classCounts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = nDraws - floored.reduce((a, b) => a + b, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]!);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, needToAdd);
      const chosen = permutation(rng, inds.length).slice(0, addNow);
      for (const c of chosen) floored[inds[c]!]! += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

/** train_test_split(range(n), test_size, stratify=y, random_state=seed) on labels y. */
function sklearnStratifiedSplit(y: ArrayLike<number>, testSize: number, seed: number): TrainTestSplit {
  const n = y.length;
  const nTest = Math.ceil(testSize * n);
  const nTrain = n - nTest;
  const classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
  if (classes.length < 2) throw new PipelineError('TOO_FEW_SAMPLES', 'A stratified split needs at least two classes.');
  if (nTrain < classes.length || nTest < classes.length) {
    throw new PipelineError(
      'TOO_FEW_SAMPLES',
      `A test share of ${testSize} of ${n} gives ${nTrain} training and ${nTest} test samples; each side needs at least one per class (${classes.length}).`,
    );
  }
  // Indices of each class in ascending order (a stable sort by class).
  const classIndices = classes.map((c) => Array.from({ length: n }, (_, i) => i).filter((i) => y[i] === c));
  const classCounts = classIndices.map((ix) => ix.length);
  if (Math.min(...classCounts) < 2) {
    throw new PipelineError('TOO_FEW_SAMPLES', 'The least populated class has only 1 sample; a stratified split needs at least 2 of each class.');
  }
  const rng = new NumpyRandomState(seed);
  const nI = approximateMode(classCounts, nTrain, rng);
  const tI = approximateMode(classCounts.map((c, i) => c - nI[i]!), nTest, rng);
  const train: number[] = [];
  const test: number[] = [];
  classIndices.forEach((indices, i) => {
    const perm = permutation(rng, indices.length).map((p) => indices[p]!);
    train.push(...perm.slice(0, nI[i]));
    test.push(...perm.slice(nI[i], nI[i]! + tI[i]!));
  });
  return { train: permutation(rng, train.length).map((p) => train[p]!), test: permutation(rng, test.length).map((p) => test[p]!) };
}

export function stratifiedTrainTestSplit(y: ArrayLike<number>, options: SplitOptions = {}): TrainTestSplit {
  const testSize = options.testSize ?? 0.2;
  if (!(testSize > 0 && testSize < 1)) throw new PipelineError('INVALID_PARAMETER', `The test share must be between 0 and 1; got ${testSize}.`);
  const seed = options.seed ?? 0;
  if (!options.groups) return sklearnStratifiedSplit(y, testSize, seed);
  const { labels, index } = subjectLabels(y, options.groups);
  const bySubject = sklearnStratifiedSplit(labels, testSize, seed);
  const expand = (subjects: number[]): number[] => {
    const wanted = new Set(subjects);
    return Array.from(index).flatMap((s, sample) => (wanted.has(s) ? [sample] : []));
  };
  return { train: expand(bySubject.train), test: expand(bySubject.test) };
}
