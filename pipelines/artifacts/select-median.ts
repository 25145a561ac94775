/**
 * Median of |x| as numpy.median computes it (the mean of the two middle values
 * for an even count), by selection rather than sorting: wICA takes the median
 * of whole components (hundreds of thousands of samples) and of every detail
 * level of every cleaned epoch.
 *
 * The selection is order-statistics' medianOf, which narrows long inputs to a
 * few buckets of a radix histogram before selecting (always exact).
 */
import { medianOf } from '../preprocess/bad-channels/order-statistics';

/** Median of |x| (the scratch array is overwritten; it must hold x.length values). */
export function medianAbs(x: ArrayLike<number>, scratch = new Float64Array(x.length)): number {
  const n = x.length;
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  for (let i = 0; i < n; i++) a[i] = Math.abs(x[i]!);
  return medianOf(a, a);
}
