/**
 * Median of |x| as numpy.median computes it (the mean of the two middle values
 * for an even count), by selection rather than sorting: wICA takes the median
 * of whole components (hundreds of thousands of samples) and of every detail
 * level of every cleaned epoch.
 *
 * Inputs of 512 values or more are first bracketed: a strided sample of |x|
 * (1024 values, or 128 below 8192), sorted, gives two values that enclose the
 * middle order statistics unless the data are very unusual (the bracket spans
 * ±4 standard deviations of the sample median's rank); one pass counts the
 * values below the bracket and gathers those inside it, and the selection runs
 * on those only. When the middle falls outside the bracket, the selection runs
 * over all values, so the result is always the exact median.
 */
import { medianOf, select } from '../preprocess/bad-channels/order-statistics';

/** Below this count, selecting over a copy of all values is as quick as bracketing. */
const BRACKET_FROM = 512;

/** The exact median of |x| from the values inside [lo, hi], or null when the middle lies outside. */
function bracketedMedianAbs(x: ArrayLike<number>, scratch: Float64Array): number | null {
  const n = x.length;
  const size = n >= 8192 ? 1024 : 128;
  // 4 standard deviations of the sample median's rank: 4 · sqrt(size) / 2.
  const margin = Math.ceil(2 * Math.sqrt(size));
  const step = Math.floor(n / size);
  const sample = new Float64Array(size);
  for (let i = 0; i < size; i++) sample[i] = Math.abs(x[i * step]!);
  sample.sort();
  const lo = sample[size / 2 - margin]!;
  const hi = sample[size / 2 + margin - 1]!;
  let below = 0;
  let inside = 0;
  // Without branches (which side a value falls is a coin toss): every value is
  // written at the next free place, which moves on only for values inside.
  for (let i = 0; i < n; i++) {
    const v = Math.abs(x[i]!);
    below += +(v < lo);
    scratch[inside] = v;
    inside += +(v >= lo) & +(v <= hi);
  }
  // The middle order statistics: (n − 1)/2 for an odd count, n/2 − 1 and n/2 for an even one.
  const first = (n - 1) >> 1;
  const second = n >> 1;
  if (first < below || second >= below + inside) return null;
  const k = first - below;
  select(scratch, k, 0, inside - 1);
  const a = scratch[k]!;
  if (second === first) return a;
  let b = Infinity;
  for (let i = k + 1; i < inside; i++) if (scratch[i]! < b) b = scratch[i]!;
  return (a + b) / 2;
}

/** Median of |x| (the scratch array is overwritten; it must hold x.length values). */
export function medianAbs(x: ArrayLike<number>, scratch = new Float64Array(x.length)): number {
  const n = x.length;
  if (n >= BRACKET_FROM) {
    const m = bracketedMedianAbs(x, scratch);
    if (m !== null) return m;
  }
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  for (let i = 0; i < n; i++) a[i] = Math.abs(x[i]!);
  return medianOf(a, a);
}
