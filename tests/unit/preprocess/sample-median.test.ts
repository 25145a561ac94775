/**
 * The robust reference's first estimate: at every sample, the median over the
 * usable channels, as numpy's median over the channel axis (sorted middle, or the
 * mean of the two middle values). Few channels take insertion sort in the previous
 * sample's order, many take selection; both must give numpy's numbers.
 */
import { describe, expect, it } from 'vitest';
import { medianOver } from '../../../pipelines/preprocess/bad-channels/sample-median';

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** numpy.median(data[idx], axis=0), by sorting each sample's values. */
function sortedMedians(data: Float32Array[], idx: number[]): Float64Array {
  const n = data[0]!.length;
  return Float64Array.from({ length: n }, (_, i) => {
    const col = Float64Array.from(idx, (c) => data[c]![i]!).sort();
    const m = col.length;
    return m % 2 ? col[(m - 1) / 2]! : (col[m / 2 - 1]! + col[m / 2]!) / 2;
  });
}

describe('the sample-wise median over channels', () => {
  const rand = seeded(5);
  // Channels that share a slow signal (their order drifts) plus their own noise, and some ties.
  const channels = (count: number, n: number) =>
    Array.from({ length: count }, (_, c) => Float32Array.from({ length: n }, (_, i) => 20 * Math.sin(i / 30 + c) + Math.round(8 * (rand() - 0.5)) + (c % 3)));

  it.each([
    ['19 channels (odd, insertion)', 19],
    ['20 channels (even, insertion)', 20],
    ['33 channels (odd, selection)', 33],
    ['64 channels (even, selection)', 64],
  ])('%s: equals numpy', (_name, count) => {
    const data = channels(count + 2, 2000);
    const idx = Array.from({ length: count }, (_, k) => k + 1); // leaves out the first and last channel, as unusable ones are
    expect(Array.from(medianOver(data, idx))).toEqual(Array.from(sortedMedians(data, idx)));
  });
});
