/**
 * medianAbs on inputs of 512 values or more, where it first brackets the middle from a sample:
 * the exact numpy median (checked against a sort) whether the bracket holds the
 * middle or not (data whose strided sample misleads, ties, odd and even counts).
 */
import { describe, expect, it } from 'vitest';
import { medianAbs } from '../../../pipelines/artifacts/select-median';
import { NumpyRandomState } from '../../../pipelines/artifacts/numpy-random';

function sortedMedianAbs(x: Float64Array): number {
  const s = Float64Array.from(x, Math.abs).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

describe('medianAbs on bracketed inputs', () => {
  const rng = new NumpyRandomState(11);
  const cases: Array<[string, Float64Array]> = [
    ['normal, odd count', rng.normal(300001)],
    ['normal, even count', rng.normal(300000)],
    ['heavy-tailed, 8192 values (sample of 1024)', rng.normal(8192).map((v) => v ** 3)],
    ['a detail level, 1250 values (sample of 128)', rng.normal(1250)],
    ['the smallest bracketed count, odd', rng.normal(513)],
    ['just below the bracketing size', rng.normal(511)],
    // Every 292nd sample (the sampling stride) is huge: the sample's bracket misses the middle.
    ['a strided sample that misleads', Float64Array.from({ length: 300000 }, (_, i) => (i % 292 === 0 ? 1e6 + i : Math.sin(i)))],
    ['many ties', Float64Array.from({ length: 100000 }, (_, i) => (i % 3) - 1)],
    ['a short strided sample that misleads', Float64Array.from({ length: 1280 }, (_, i) => (i % 10 === 0 ? 1e6 + i : Math.sin(i)))],
    ['constant', new Float64Array(50000).fill(-2.5)],
  ];
  it.each(cases)('%s: the exact median', (_, x) => {
    expect(medianAbs(x)).toBe(sortedMedianAbs(x));
    expect(medianAbs(x, new Float64Array(x.length))).toBe(sortedMedianAbs(x));
  });
});
