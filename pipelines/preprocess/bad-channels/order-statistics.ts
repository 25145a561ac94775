/**
 * Medians, MADs and MATLAB-style quantiles for bad-channel detection, by
 * selection rather than sorting (a 10-minute channel has 300,000 samples).
 * A `scratch` array, where given, is overwritten when a selection runs over a
 * copy of all the values: callers that take many short statistics (per window)
 * pass one to avoid allocating each time; long float arrays seldom need it.
 */
import { medianAndMad, middleOf, middleRanks, valuesAtRanks } from './bucket-selection';
import type { FloatArray } from './bucket-selection';
import { orderPair, select } from './select';

/** The values copied into the front of scratch (or into a new array when there is none, or it is too short). */
function copyOf(values: ArrayLike<number>, scratch: Float64Array | undefined): Float64Array {
  const n = values.length;
  const a = scratch && scratch.length >= n ? (scratch.length === n ? scratch : scratch.subarray(0, n)) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = values[i]!;
  return a;
}

/** From this count on, bucketed selection (bucket-selection.ts) pays; below it, selecting over a copy is as quick. */
const BUCKETED_FROM = 512;

function isFloatArray(values: ArrayLike<number>): values is FloatArray {
  return values instanceof Float32Array || values instanceof Float64Array;
}

/** The order statistics at `ranks` of a long float array, or null where the caller must select over all values. */
function bucketedRanks(values: ArrayLike<number>, ranks: readonly number[]): number[] | null {
  return values.length >= BUCKETED_FROM && isFloatArray(values) ? valuesAtRanks(values, ranks) : null;
}

/** np.median of the values. */
export function medianOf(values: ArrayLike<number>, scratch?: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const middle = bucketedRanks(values, middleRanks(n));
  if (middle) return middleOf(middle);
  const a = copyOf(values, scratch);
  if (n % 2) {
    select(a, (n - 1) / 2, 0, n - 1);
    return a[(n - 1) / 2]!;
  }
  const [lo, hi] = orderPair(a, n / 2 - 1);
  return (lo + hi) / 2;
}

/** Median absolute deviation from the median, unscaled (scipy's median_abs_deviation, scale=1). */
export function madOf(values: ArrayLike<number>, scratch?: Float64Array): number {
  const n = values.length;
  const bucketed = n >= BUCKETED_FROM && isFloatArray(values) ? medianAndMad(values) : null;
  if (bucketed) return bucketed.mad;
  const dev = copyOf(values, scratch);
  const m = medianOf(dev, dev);
  for (let i = 0; i < n; i++) dev[i] = Math.abs(values[i]! - m);
  return medianOf(dev, dev);
}

/** MATLAB's adjusted position of quantile q among n sorted values: the lower order statistic and the weight of the next. */
function matlabPosition(n: number, q: number): { pre: number; frac: number } {
  const adjusted = Math.min(Math.max((q - 0.5) * (n / (n - 1)) + 0.5, 0), 1);
  const exact = (n - 1) * adjusted;
  const pre = Math.floor(exact);
  return { pre, frac: exact - pre };
}

/** The quantile at `pos` of a[lo..], interpolated; a[lo..] is reordered. */
function quantileAt(a: Float64Array, pos: { pre: number; frac: number }, lo: number): number {
  if (pos.frac === 0) {
    select(a, pos.pre, lo, a.length - 1);
    return a[pos.pre]!;
  }
  const [at, next] = orderPair(a, pos.pre, lo);
  return at + (next - at) * pos.frac;
}

/**
 * MATLAB's quantile (values as a sample: q adjusted to (q − ½)·n/(n − 1) + ½,
 * then linear interpolation between order statistics), as PREP uses it.
 */
export function matlabQuantile(values: ArrayLike<number>, q: number, scratch?: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const a = copyOf(values, scratch);
  if (n === 1) return a[0]!;
  return quantileAt(a, matlabPosition(n, q), 0);
}

/**
 * MATLAB-style inter-quartile range, from one copy: once the lower quartile's
 * order statistic is in place, everything above it lies to its right, so the
 * upper one is selected in that part only.
 */
export function matlabIqr(values: ArrayLike<number>, scratch?: Float64Array): number {
  const n = values.length;
  if (n < 2) return n === 0 ? NaN : 0;
  const lower = matlabPosition(n, 0.25);
  const upper = matlabPosition(n, 0.75);
  const quartiles = bucketedRanks(values, [lower.pre, Math.min(lower.pre + 1, n - 1), upper.pre, Math.min(upper.pre + 1, n - 1)]);
  if (quartiles) {
    const [a, b, c, d] = quartiles as [number, number, number, number];
    return c + (d - c) * upper.frac - (a + (b - a) * lower.frac);
  }
  const a = copyOf(values, scratch);
  const q1 = quantileAt(a, lower, 0);
  return quantileAt(a, matlabPosition(n, 0.75), lower.pre + 1) - q1;
}

/**
 * Whether madOf(values) < threshold, with one selection (the median) and one
 * counting pass instead of a second selection: the MAD is below the threshold
 * exactly when enough deviations are (for an even count, the two middle
 * deviations are found from the counts' neighbours).
 */
export function madBelow(values: ArrayLike<number>, threshold: number, scratch?: Float64Array): boolean {
  const n = values.length;
  if (n === 0) return false;
  if (!closePairAmongThirds(values, 2 * threshold)) return false;
  const m = medianOf(values, scratch);
  let below = 0;
  let largestBelow = -Infinity;
  let smallestAtOrAbove = Infinity;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(values[i]! - m);
    if (d < threshold) {
      below++;
      if (d > largestBelow) largestBelow = d;
    } else if (d < smallestAtOrAbove) smallestAtOrAbove = d;
  }
  if (n % 2) return below >= (n + 1) / 2;
  if (below >= n / 2 + 1) return true;
  if (below < n / 2) return false;
  return (largestBelow + smallestAtOrAbove) / 2 < threshold; // the two middle deviations straddle the threshold
}

/**
 * False only when madOf(values) < threshold is impossible, found in one pass
 * without the median. A MAD below t puts at least half of the values within t of
 * the median, so within 2t of one another. Split the values in triples
 * (i, i + n/3, i + 2n/3) and the few left over: when no triple holds two values
 * that close, each triple holds at most one of them, n − 2⌊n/3⌋ in all, which
 * is under half from 9 values on. (A recording's windows are almost never flat,
 * so this usually spares the median.)
 */
function closePairAmongThirds(values: ArrayLike<number>, distance: number): boolean {
  const n = values.length;
  if (n < 9) return true;
  const third = Math.floor(n / 3);
  for (let i = 0; i < third; i++) {
    const a = values[i]!;
    const b = values[i + third]!;
    const c = values[i + 2 * third]!;
    if (Math.abs(a - b) < distance || Math.abs(a - c) < distance || Math.abs(b - c) < distance) return true;
  }
  return false;
}
