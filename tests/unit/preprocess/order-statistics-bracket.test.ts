/**
 * Medians and MATLAB quartiles of long channels are found inside a sampled
 * bracket; they must equal the sorted-order answers exactly, also where the
 * sample misleads the bracket (the selection over all values takes over).
 */
import { describe, expect, it } from 'vitest';
import { madOf, matlabIqr, medianOf } from '../../../pipelines/preprocess/bad-channels/order-statistics';

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function sortedMedian(values: ArrayLike<number>): number {
  const a = Float64Array.from(values).sort();
  const n = a.length;
  return n % 2 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/** MATLAB's quantile on sorted values: q adjusted to (q − ½)·n/(n − 1) + ½, then linear interpolation. */
function sortedMatlabQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const exact = (n - 1) * Math.min(Math.max((q - 0.5) * (n / (n - 1)) + 0.5, 0), 1);
  const pre = Math.floor(exact);
  const frac = exact - pre;
  return frac === 0 ? sorted[pre]! : sorted[pre]! + (sorted[pre + 1]! - sorted[pre]!) * frac;
}

const rand = seeded(17);
const gaussian = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
const cases: Array<[string, Float64Array]> = [
  ['gaussian, odd', Float64Array.from({ length: 150_001 }, gaussian)],
  ['gaussian, even', Float64Array.from({ length: 150_000 }, gaussian)],
  ['heavy ties', Float64Array.from({ length: 20_000 }, () => Math.round(gaussian() * 2))],
  ['constant', new Float64Array(30_000).fill(4.5)],
  ['sorted ramp', Float64Array.from({ length: 40_000 }, (_, i) => i * 0.25)],
  // Every sampled place (a multiple of the stride) holds a huge value: the bracket lands far from the middle.
  ['misleading sample', Float64Array.from({ length: 102_400 }, (_, i) => (i % 100 === 0 ? 1e6 + i : gaussian()))],
  ['a drifting channel', Float64Array.from({ length: 60_000 }, (_, i) => i / 1000 + gaussian())],
];

describe('bracketed order statistics', () => {
  it.each(cases)('%s: median equals the sorted middle', (_name, x) => {
    const before = Float64Array.from(x);
    expect(medianOf(x, new Float64Array(x.length))).toBe(sortedMedian(x));
    expect(x).toEqual(before);
  });

  it.each(cases)('%s: MATLAB inter-quartile range equals the sorted one', (_name, x) => {
    const sorted = Float64Array.from(x).sort();
    const expected = sortedMatlabQuantile(sorted, 0.75) - sortedMatlabQuantile(sorted, 0.25);
    expect(matlabIqr(x, new Float64Array(x.length))).toBe(expected);
  });

  it.each(cases)('%s: MAD equals the median of the deviations from the sorted median', (_name, x) => {
    const m = sortedMedian(x);
    expect(madOf(x, new Float64Array(x.length))).toBe(sortedMedian(Float64Array.from(x, (v) => Math.abs(v - m))));
  });

  it('values that are their own scratch (as the MAD passes its deviations) give the same median', () => {
    for (const [, x] of cases) {
      const own = Float64Array.from(x);
      expect(medianOf(own, own)).toBe(sortedMedian(x));
    }
  });

  it('a NaN sends the selection over all values, and a shared scratch keeps them for it', () => {
    const x = Float64Array.from({ length: 20_001 }, gaussian);
    x[777] = NaN;
    const plain = Float64Array.from(x);
    const expected = medianOf(plain, new Float64Array(x.length));
    const own = Float64Array.from(x);
    const viaOwn = medianOf(own, own);
    expect(Object.is(viaOwn, expected)).toBe(true);
  });
});
