/**
 * The search's pure parts: candidates in scikit-learn's ParameterGrid order over
 * the original platform's space (864 points), randomized draws that are distinct
 * and seeded, CV scores of a standardized logistic regression equal to
 * cross_val_score on the same StratifiedKFold (fold scores, mean and std), and
 * the choice of the best (earliest on equal means, as best_index_).
 */
import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../../../pipelines/ml/prep';
import {
  ORIGINAL_RF_SEARCH, chooseBest, crossValidate, gridCandidates, gridPoint, gridSize, randomCandidates, summarizeScores, type CandidateResult, type Scoring,
} from '../../../pipelines/ml/search';
import { loadTable, trainingReference } from './fixtures';

describe('search candidates', () => {
  it("the original space in ParameterGrid's order", () => {
    const space = ORIGINAL_RF_SEARCH.space;
    expect(gridSize(space)).toBe(trainingReference.grid.size);
    trainingReference.grid.indices.forEach((index, i) => expect(gridPoint(space, index)).toEqual(trainingReference.grid.points[i]));
    expect(ORIGINAL_RF_SEARCH).toMatchObject({ nIter: 100, cv: 10, model: 'rf' });
  });

  it('randomized: n_iter distinct grid points, the same for a seed, the whole grid when n_iter covers it', () => {
    const space = ORIGINAL_RF_SEARCH.space;
    const a = randomCandidates(space, 100, 3);
    expect(new Set(a.map((c) => JSON.stringify(c))).size).toBe(100);
    expect(randomCandidates(space, 100, 3)).toEqual(a);
    expect(randomCandidates(space, 100, 4)).not.toEqual(a);
    const small = { C: [0.1, 1, 10] };
    expect(randomCandidates(small, 5, 0)).toEqual(gridCandidates(small));
    expect(() => randomCandidates(space, 0)).toThrow(/n_iter must be a whole number/);
    expect(() => gridSize({ C: [] })).toThrow(/no value for C/);
  });
});

describe('cross-validation of a candidate', () => {
  for (const ref of trainingReference.cv) {
    it(`${ref.table}, logistic regression C=${ref.C}, ${ref.scoring}: cross_val_score's fold scores, mean and std`, () => {
      const t = loadTable(ref.table);
      const folds = stratifiedKFold(t.y, 5, { shuffle: true, seed: 0 });
      const result = crossValidate(t.x, t.y, folds, { model: 'logreg', params: { C: ref.C }, seed: 0, scoring: ref.scoring as Scoring });
      result.scores.forEach((s, i) => expect(s).toBeCloseTo(ref.scores[i]!, 3));
      expect(result.mean).toBeCloseTo(ref.mean, 3);
      expect(result.std).toBeCloseTo(ref.std, 3);
    });
  }

  it('refuses a parameter the model type does not take', () => {
    const t = loadTable('multiclass');
    const folds = stratifiedKFold(t.y, 3);
    expect(() => crossValidate(t.x, t.y, folds, { model: 'logreg', params: { max_depth: 3 }, seed: 0, scoring: 'accuracy' })).toThrow(/logreg takes no parameter max_depth/);
  });

  it('summarizes with the population standard deviation and picks the earliest best', () => {
    expect(summarizeScores([0.5, 0.7, 0.9])).toEqual({ scores: [0.5, 0.7, 0.9], mean: 0.7000000000000001, std: expect.closeTo(Math.sqrt(0.08 / 3), 12) });
    const r = (mean: number): CandidateResult => ({ params: { C: mean }, scores: [mean], mean, std: 0, fitMs: 0 });
    expect(chooseBest([r(0.8), r(0.9), r(0.9), r(0.7)]).index).toBe(1);
  });
});
