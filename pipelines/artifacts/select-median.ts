/**
 * Median of many values by quickselect (linear time, one scratch copy), as
 * numpy.median computes it: the mean of the two middle values for an even count.
 * wICA takes the median of whole components (hundreds of thousands of samples),
 * where sorting would dominate its cost.
 */

function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Median of |x| (the scratch array is overwritten; it must hold x.length values). */
export function medianAbs(x: ArrayLike<number>, scratch = new Float64Array(x.length)): number {
  const n = x.length;
  if (n === 0) return NaN;
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  for (let i = 0; i < n; i++) a[i] = Math.abs(x[i]!);
  const upper = selectKth(a, n >>> 1);
  if (n % 2) return upper;
  // The largest value below the upper middle is the lower middle.
  let lower = -Infinity;
  for (let i = 0; i < n >>> 1; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}
