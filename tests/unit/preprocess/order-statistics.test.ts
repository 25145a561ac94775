/**
 * Medians, MADs and MATLAB quartiles of long channels are selected among the
 * values of a few radix-histogram buckets; they must equal the sorted-order
 * answers exactly, whatever the values' spread, sign, ties or float width.
 * madBelow skips the median when no third of the values can be close: it must
 * agree with the MAD itself, also where exactly half the values are close.
 */
import { describe, expect, it } from 'vitest';
import { medianAndMad } from '../../../pipelines/preprocess/bad-channels/bucket-selection';
import { madBelow, madOf, matlabIqr, medianOf } from '../../../pipelines/preprocess/bad-channels/order-statistics';

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
const cases: Array<[string, Float32Array | Float64Array]> = [
  ['gaussian, odd', Float64Array.from({ length: 150_001 }, gaussian)],
  ['gaussian, even', Float64Array.from({ length: 150_000 }, gaussian)],
  ['heavy ties', Float64Array.from({ length: 20_000 }, () => Math.round(gaussian() * 2))],
  ['constant', new Float64Array(30_000).fill(4.5)],
  ['sorted ramp', Float64Array.from({ length: 40_000 }, (_, i) => i * 0.25)],
  // Every sampled place (a multiple of the stride) holds a huge value: the bracket lands far from the middle.
  ['misleading sample', Float64Array.from({ length: 102_400 }, (_, i) => (i % 100 === 0 ? 1e6 + i : gaussian()))],
  ['a drifting channel', Float64Array.from({ length: 60_000 }, (_, i) => i / 1000 + gaussian())],
  // Float32 channels are bucketed by their own bits, quantised ones (as EDF's) tie often.
  ['float32 EEG-like, quantised', Float32Array.from({ length: 150_000 }, (_, i) => Math.round((20 * Math.sin(i / 50) + 5 * gaussian()) / 0.0305) * 0.0305)],
  ['float32 with ±Infinity', Float32Array.from({ length: 10_001 }, (_, i) => (i % 97 === 0 ? Infinity : i % 89 === 0 ? -Infinity : gaussian()))],
  ['signed zeros and tiny values', Float64Array.from({ length: 8_000 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : gaussian() * 1e-300))],
  ['magnitudes from 1e-30 to 1e30', Float64Array.from({ length: 30_000 }, () => (rand() < 0.5 ? -1 : 1) * 10 ** (60 * rand() - 30))],
  // Doubles that round to one float32: the bucket holds them all and the selection tells them apart.
  ['doubles closer than float32 resolves', Float64Array.from({ length: 20_000 }, (_, i) => 1 + i * 1e-12)],
];

describe('order statistics by radix selection', () => {
  it.each(cases)('%s: median equals the sorted middle', (_name, x) => {
    const before = x.slice();
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

  it.each(cases)('%s: madBelow agrees with the MAD at thresholds around it', (_name, x) => {
    const mad = madOf(x, new Float64Array(x.length));
    for (const t of [mad / 2, mad, mad * (1 + 1e-9), mad * 2, 1e-9].filter((v) => Number.isFinite(v) && v > 0)) {
      expect(madBelow(x, t, new Float64Array(x.length))).toBe(mad < t);
    }
  });

  it('madBelow finds a MAD of zero where exactly half the values (an even count) sit at the median, spread apart in time', () => {
    for (const n of [500, 501, 12, 9]) {
      const x = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 3 : 100 + i));
      const mad = madOf(x, new Float64Array(n));
      expect(madBelow(x, 1e-9, new Float64Array(n))).toBe(mad < 1e-9);
      const flat = Float32Array.from({ length: n }, (_, i) => (i < Math.ceil(n / 2) + 1 ? 7 : 50 * i));
      expect(madBelow(flat, 1e-9, new Float64Array(n))).toBe(true);
    }
  });

  it('random channels of every kind: median, MAD and quartiles equal the sorted ones', () => {
    const kinds = [
      () => gaussian(),
      () => Math.round(gaussian() * 3) * 0.0305, // quantised, many ties
      () => (rand() < 0.5 ? gaussian() * 1e-3 : gaussian() * 1e3), // two scales
      () => Math.exp(gaussian() * 4) * (rand() < 0.5 ? -1 : 1), // heavy tails across exponents
      () => 5 + gaussian() * 1e-6, // a narrow spread far from zero
    ];
    for (let trial = 0; trial < 60; trial++) {
      const draw = kinds[trial % kinds.length]!;
      const n = 512 + Math.floor(rand() * 4000);
      const x = trial % 2 ? Float32Array.from({ length: n }, draw) : Float64Array.from({ length: n }, draw);
      const m = sortedMedian(x);
      const sorted = Float64Array.from(x).sort();
      expect(medianOf(x, new Float64Array(n))).toBe(m);
      expect(madOf(x, new Float64Array(n))).toBe(sortedMedian(Float64Array.from(x, (v) => Math.abs(v - m))));
      expect(matlabIqr(x, new Float64Array(n))).toBe(sortedMatlabQuantile(sorted, 0.75) - sortedMatlabQuantile(sorted, 0.25));
    }
  });

  it('takes the median and the MAD of EEG-like channels in one gathering pass, without falling back', () => {
    for (const x of [cases[7]![1], Float32Array.from({ length: 100_000 }, (_, i) => 30 * Math.sin(i / 40) + 8 * gaussian() + 3)]) {
      const m = sortedMedian(x);
      expect(medianAndMad(x)).toEqual({ median: m, mad: sortedMedian(Float64Array.from(x, (v) => Math.abs(v - m))) });
    }
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
