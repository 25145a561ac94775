/**
 * Feature preparation against references from scikit-learn 1.2 and numpy
 * (scripts/fixtures/make-training-fixtures.py): the correlation filter drops
 * exactly the columns of the pandas recipe (numpy's corrcoef), the k-fold plans
 * are StratifiedKFold's folds sample for sample, and the train/test split is
 * train_test_split(stratify=y)'s, index for index and in its order. The grouped
 * variants keep every subject's recordings on one side and stay stratified.
 */
import { describe, expect, it } from 'vitest';
import { matrixFromRows } from '../../../pipelines/ml';
import {
  correlationFilter, correlationMatrix, groupedStratifiedKFold, stratifiedKFold, stratifiedTestFolds, stratifiedTrainTestSplit,
} from '../../../pipelines/ml/prep';
import { loadTable, trainingReference } from './fixtures';

describe('correlation filter', () => {
  for (const ref of trainingReference.correlation) {
    it(`${ref.table} at |r| > ${ref.threshold}: the columns the pandas recipe drops`, () => {
      const t = loadTable(ref.table);
      const result = correlationFilter(t.x, ref.threshold);
      expect(result.dropped.map((d) => d.feature)).toEqual(ref.dropped);
      expect(result.kept.length + ref.dropped.length).toBe(t.x.cols);
      for (const d of result.dropped) {
        expect(d.correlatedWith).toBeLessThan(d.feature);
        expect(Math.abs(d.r)).toBeGreaterThan(ref.threshold);
      }
    });
  }

  it('defaults to 0.8, keeps a constant column, and drops the later of a pair', () => {
    const x = matrixFromRows([
      [1, 2, 5, 0.3],
      [2, 4.1, 5, 0.1],
      [3, 5.9, 5, 0.4],
      [4, 8, 5, 0.2],
    ]);
    const result = correlationFilter(x);
    expect(result.threshold).toBe(0.8);
    expect(result.kept).toEqual([0, 2, 3]);
    expect(result.dropped).toEqual([{ feature: 1, correlatedWith: 0, r: expect.closeTo(0.999, 2) }]);
    expect(Number.isNaN(correlationMatrix(x)[2 * 4 + 2]!)).toBe(true);
    expect(() => correlationFilter(x, 1.5)).toThrow(/between 0 and 1/);
  });
});

describe('stratified k-fold', () => {
  for (const ref of trainingReference.kfold) {
    it(`${ref.labels}: ${ref.nSplits} folds${ref.shuffle ? `, shuffled with seed ${ref.seed}` : ''}, as StratifiedKFold`, () => {
      const folds = stratifiedTestFolds(ref.y, ref.nSplits, { shuffle: ref.shuffle, seed: ref.seed ?? 0 });
      expect(Array.from(folds)).toEqual(ref.testFolds);
      const plan = stratifiedKFold(ref.y, ref.nSplits, { shuffle: ref.shuffle, seed: ref.seed ?? 0 });
      plan.forEach((fold, i) => {
        expect(fold.test).toEqual(ref.testFolds.flatMap((f, s) => (f === i ? [s] : [])));
        expect(fold.train.length + fold.test.length).toBe(ref.y.length);
      });
    });
  }

  it('refuses more folds than the largest class has samples', () => {
    expect(() => stratifiedKFold([0, 0, 1, 1], 3)).toThrow(/3-fold cross-validation needs at least 3 samples/);
  });

  it('grouped by subject: a subject is in one fold, and folds stay stratified', () => {
    const subjects = Array.from({ length: 30 }, (_, i) => `sub-${i}`);
    const label = (i: number): number => (i < 18 ? 0 : 1);
    const groups: string[] = [];
    const y: number[] = [];
    subjects.forEach((s, i) => {
      for (let r = 0; r < 1 + (i % 3); r++) {
        groups.push(s);
        y.push(label(i));
      }
    });
    const folds = groupedStratifiedKFold(y, groups, 5, { shuffle: true, seed: 1 });
    const seen = new Map<string, number>();
    folds.forEach((fold, f) => {
      for (const s of fold.test) {
        expect(seen.get(groups[s]!) ?? f).toBe(f);
        seen.set(groups[s]!, f);
      }
      const subjectsIn = new Set(fold.test.map((s) => groups[s]!));
      const patients = [...subjectsIn].filter((g) => label(Number(g.slice(4))) === 1).length;
      expect(patients).toBeGreaterThanOrEqual(2);
      expect(subjectsIn.size).toBe(6);
    });
    expect(seen.size).toBe(30);
    expect(() => groupedStratifiedKFold([0, 1], ['a', 'a'], 2)).toThrow(/Subject a has recordings labelled 0 and 1/);
  });
});

describe('stratified train/test split', () => {
  for (const ref of trainingReference.split) {
    it(`${ref.labels}: test_size ${ref.testSize}, seed ${ref.seed}, as train_test_split(stratify=y)`, () => {
      const split = stratifiedTrainTestSplit(ref.y, { testSize: ref.testSize, seed: ref.seed });
      expect(split.train).toEqual(ref.train);
      expect(split.test).toEqual(ref.test);
    });
  }

  it('grouped by subject: no subject on both sides, classes split alike', () => {
    const groups: string[] = [];
    const y: number[] = [];
    for (let i = 0; i < 40; i++) {
      for (let r = 0; r < 2 + (i % 2); r++) {
        groups.push(`sub-${i}`);
        y.push(i % 2);
      }
    }
    const split = stratifiedTrainTestSplit(y, { testSize: 0.2, seed: 3, groups });
    const trainSubjects = new Set(split.train.map((s) => groups[s]!));
    const testSubjects = new Set(split.test.map((s) => groups[s]!));
    expect([...testSubjects].filter((g) => trainSubjects.has(g))).toEqual([]);
    expect(testSubjects.size).toBe(8);
    expect([...testSubjects].filter((g) => Number(g.slice(4)) % 2 === 1).length).toBe(4);
    expect(split.train.length + split.test.length).toBe(y.length);
  });

  it('explains a split too small for its classes', () => {
    expect(() => stratifiedTrainTestSplit([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], { testSize: 0.2 })).toThrow(/only 1 sample/);
    expect(() => stratifiedTrainTestSplit([0, 0, 0, 1], { testSize: 0.25 })).toThrow(/gives 3 training and 1 test samples/);
  });
});
