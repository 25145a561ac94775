/**
 * Medians, MADs and MATLAB-style quantiles for bad-channel detection, by
 * selection rather than sorting (a 10-minute channel has 300,000 samples).
 * `scratch` arrays are overwritten: callers reuse one per size to avoid
 * allocating per channel and per window.
 */

/** Rearranges a[lo..hi] so a[k] holds the value that sorted order would put there. */
export function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted or constant input from going quadratic.
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The k-th and (k+1)-th smallest values of a (a is reordered). */
function orderPair(a: Float64Array, k: number): [number, number] {
  select(a, k, 0, a.length - 1);
  let next = Infinity;
  for (let i = k + 1; i < a.length; i++) if (a[i]! < next) next = a[i]!;
  return [a[k]!, k + 1 < a.length ? next : a[k]!];
}

/** From this count on, a sampled bracket narrows the selection (below it, selecting over a copy is as quick). */
const BRACKET_FROM = 512;
/**
 * The order statistics k and k + 1 of values (k + 1 capped at n − 1), found among
 * the values inside a bracket that a sorted strided sample (1,024 values, or 128
 * below 8,192) puts around rank k:
 * one pass counts the values below and above it and gathers those inside into
 * scratch, and the selection runs on those only. Null when the ranks fall
 * outside the bracket; the caller then selects over all values, so the answer
 * is always exact.
 */
function bracketedPair(values: ArrayLike<number>, k: number, scratch: Float64Array): [number, number] | null {
  const n = values.length;
  const size = n >= 8192 ? 1024 : 128;
  // Four standard deviations of a sample order statistic's rank, in sample places.
  const margin = Math.ceil(2 * Math.sqrt(size));
  const step = Math.floor(n / size);
  const sample = new Float64Array(size);
  for (let i = 0; i < size; i++) sample[i] = values[i * step]!;
  sample.sort();
  const centre = Math.round((k / (n - 1)) * (size - 1));
  const lo = centre - margin < 0 ? -Infinity : sample[centre - margin]!;
  const hi = centre + margin >= size ? Infinity : sample[centre + margin]!;
  const k2 = Math.min(k + 1, n - 1);
  let below = 0;
  let above = 0;
  let nan = 0;
  let gathered = 0;
  const aliased = ArrayBuffer.isView(values) && (values as unknown as Float64Array).buffer === scratch.buffer;
  // Without branches (which side a value falls is a coin toss): each value is
  // written at the next free place, which moves on only for values inside. When
  // values are scratch itself, the counts come first, so a miss leaves them whole
  // for the fallback.
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    below += +(v < lo);
    above += +(v > hi);
    nan += +(v !== v);
    if (!aliased) {
      scratch[gathered] = v;
      gathered += +(v >= lo) & +(v <= hi);
    }
  }
  // A NaN is neither below, above nor inside: the caller selects over all values, as numpy would.
  const inside = n - below - above - nan;
  if (nan > 0 || k < below || k2 >= below + inside) return null;
  if (aliased) {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      scratch[gathered] = v;
      gathered += +(v >= lo) & +(v <= hi);
    }
  }
  const at = k - below;
  select(scratch, at, 0, inside - 1);
  let next = Infinity;
  for (let i = at + 1; i < inside; i++) if (scratch[i]! < next) next = scratch[i]!;
  return [scratch[at]!, k2 === k ? scratch[at]! : next];
}

/** np.median of the values copied into scratch (length = values' length). */
export function medianOf(values: ArrayLike<number>, scratch: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (n >= BRACKET_FROM) {
    const pair = bracketedPair(values, n % 2 ? (n - 1) / 2 : n / 2 - 1, scratch);
    if (pair) return n % 2 ? pair[0] : (pair[0] + pair[1]) / 2;
  }
  for (let i = 0; i < n; i++) scratch[i] = values[i]!;
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  if (n % 2) {
    select(a, (n - 1) / 2, 0, n - 1);
    return a[(n - 1) / 2]!;
  }
  const [lo, hi] = orderPair(a, n / 2 - 1);
  return (lo + hi) / 2;
}

/** Median absolute deviation from the median, unscaled (scipy's median_abs_deviation, scale=1). */
export function madOf(values: ArrayLike<number>, scratch: Float64Array): number {
  const m = medianOf(values, scratch);
  const n = values.length;
  const dev = scratch.length === n ? scratch : scratch.subarray(0, n);
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
  select(a, pos.pre, lo, a.length - 1);
  if (pos.frac === 0) return a[pos.pre]!;
  let next = Infinity;
  for (let i = pos.pre + 1; i < a.length; i++) if (a[i]! < next) next = a[i]!;
  return a[pos.pre]! + (next - a[pos.pre]!) * pos.frac;
}

/**
 * MATLAB's quantile (values as a sample: q adjusted to (q − ½)·n/(n − 1) + ½,
 * then linear interpolation between order statistics), as PREP uses it.
 */
export function matlabQuantile(values: ArrayLike<number>, q: number, scratch: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  for (let i = 0; i < n; i++) scratch[i] = values[i]!;
  if (n === 1) return scratch[0]!;
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  return quantileAt(a, matlabPosition(n, q), 0);
}

/**
 * MATLAB-style inter-quartile range, from one copy: once the lower quartile's
 * order statistic is in place, everything above it lies to its right, so the
 * upper one is selected in that part only.
 */
export function matlabIqr(values: ArrayLike<number>, scratch: Float64Array): number {
  const n = values.length;
  if (n < 2) return n === 0 ? NaN : 0;
  if (n >= BRACKET_FROM) {
    const lower = matlabPosition(n, 0.25);
    const upper = matlabPosition(n, 0.75);
    const q1 = bracketedPair(values, lower.pre, scratch);
    const q3 = q1 && bracketedPair(values, upper.pre, scratch);
    if (q1 && q3) return q3[0] + (q3[1] - q3[0]) * upper.frac - (q1[0] + (q1[1] - q1[0]) * lower.frac);
  }
  for (let i = 0; i < n; i++) scratch[i] = values[i]!;
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
  const lower = matlabPosition(n, 0.25);
  const q1 = quantileAt(a, lower, 0);
  return quantileAt(a, matlabPosition(n, 0.75), lower.pre + 1) - q1;
}

/**
 * Whether madOf(values) < threshold, with one selection (the median) and one
 * counting pass instead of a second selection: the MAD is below the threshold
 * exactly when enough deviations are (for an even count, the two middle
 * deviations are found from the counts' neighbours).
 */
export function madBelow(values: ArrayLike<number>, threshold: number, scratch: Float64Array): boolean {
  const n = values.length;
  if (n === 0) return false;
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
