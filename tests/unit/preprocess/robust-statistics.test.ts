/**
 * Huber normalization's statistics against statsmodels' own numbers
 * (scripts/fixtures/make-robust-fixtures.py): the MAD and the joint Huber
 * estimate, including the case where statsmodels gives up.
 */
import { describe, expect, it } from 'vitest';
import { huber, madStd, median } from '../../../pipelines/preprocess/robust';
import { readFixture } from '../../support/fixture-arrays';

interface Case {
  name: string;
  values: number[];
  mad: number;
  huber: { location: number; scale: number } | null;
}

const { cases } = readFixture<{ cases: Case[] }>('preprocess/robust-reference.json');

describe('robust statistics against statsmodels', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: MAD equals statsmodels.robust.scale.mad', (_name, c) => {
    expect(madStd(c.values)).toBeCloseTo(c.mad, 12);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: Huber location and scale equal statsmodels Huber()', (_name, c) => {
    const ours = huber(c.values);
    if (c.huber === null) {
      expect(ours).toBeNull();
      return;
    }
    expect(ours).not.toBeNull();
    expect(ours!.location).toBeCloseTo(c.huber.location, 9);
    expect(ours!.scale).toBeCloseTo(c.huber.scale, 9);
  });

  it('the median by selection equals the sorted middle, for odd and even counts, and leaves the input alone', () => {
    for (const c of cases) {
      const before = Float64Array.from(c.values);
      const sorted = Float64Array.from(c.values).sort();
      const n = sorted.length;
      const expected = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      // + 0: a tie between -0 and 0 may select either; numpy does not tell them apart either.
      expect(median(c.values) + 0).toBe(expected + 0);
      expect(Float64Array.from(c.values)).toEqual(before);
    }
  });
});
