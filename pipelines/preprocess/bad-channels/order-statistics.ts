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

/** From this count on, a radix histogram narrows the selection (below it, selecting over a copy is as quick). */
const RADIX_FROM = 512;
const BUCKETS = 1 << 16;
const histogram = new Int32Array(BUCKETS);
/** For the buckets that hold a wanted rank: 1 + the index of their region in `gathered`; 0 elsewhere. */
const regionOf = new Int32Array(BUCKETS);
// Grown on demand and reused: bad-channel detection takes several order
// statistics of every channel at every round of the robust reference.
let rounded = new Float32Array(0);
let gathered = new Float64Array(0);
let deviations = new Float64Array(0);

function roundedBuffer(n: number): Float32Array {
  if (rounded.length < n) rounded = new Float32Array(n);
  return rounded;
}

/**
 * The float32 bit patterns ordering the values: the values themselves when they
 * are float32, else their float32 roundings. Rounding to nearest is monotone, so
 * a < b still implies key(a) <= key(b), which is all the histogram needs; the
 * selection itself runs on the exact values.
 */
function float32Bits(values: Float32Array | Float64Array): Uint32Array {
  const n = values.length;
  if (values instanceof Float32Array) return new Uint32Array(values.buffer, values.byteOffset, n);
  const r = roundedBuffer(n);
  for (let i = 0; i < n; i++) r[i] = values[i]!;
  return new Uint32Array(r.buffer, 0, n);
}

/**
 * The values at the given ranks (0-based) of values in sorted order, exactly.
 * One pass counts the values into 65,536 buckets by the top 16 bits of their
 * float32 bit pattern made order-preserving (sign, exponent and 7 bits of the
 * mantissa: a bucket spans under 1% of a value's magnitude); the cumulative counts
 * name the bucket and the rank within it of each wanted rank; a second pass
 * gathers those buckets' values, and the selection runs on them only. Null when
 * a value is NaN (numpy's median is then NaN; the caller selects over all values).
 */
function valuesAtRanks(values: Float32Array | Float64Array, bits: Uint32Array, ranks: readonly number[]): number[] | null {
  const n = values.length;
  histogram.fill(0);
  for (let i = 0; i < n; i++) {
    const u = bits[i]!;
    const b = (u ^ ((u >> 31) | 0x80000000)) >>> 16;
    histogram[b] = histogram[b]! + 1;
  }
  // NaN (and ±Inf) patterns fall in the outermost buckets only.
  let outer = 0;
  for (let b = 0; b <= 0x7f; b++) outer += histogram[b]! + histogram[BUCKETS - 1 - b]!;
  if (outer > 0 && values.some((v) => v !== v)) return null;

  const order = ranks.map((_, j) => j).sort((a, b) => ranks[a]! - ranks[b]!);
  const bucketOf = new Int32Array(ranks.length);
  const within = new Int32Array(ranks.length);
  let below = 0;
  let bucket = 0;
  for (const j of order) {
    const rank = ranks[j]!;
    while (below + histogram[bucket]! <= rank) below += histogram[bucket++]!;
    bucketOf[j] = bucket;
    within[j] = rank - below;
  }
  const targets = [...new Set(bucketOf)];
  const offsets = new Int32Array(targets.length + 1);
  targets.forEach((b, r) => {
    regionOf[b] = r + 1;
    offsets[r + 1] = offsets[r]! + histogram[b]!;
  });
  if (gathered.length < offsets[targets.length]!) gathered = new Float64Array(Math.max(offsets[targets.length]!, 2 * gathered.length));
  const fill = offsets.slice(0, targets.length);
  for (let i = 0; i < n; i++) {
    const u = bits[i]!;
    const region = regionOf[(u ^ ((u >> 31) | 0x80000000)) >>> 16]!;
    if (region !== 0) gathered[fill[region - 1]!++] = values[i]!;
  }
  for (const b of targets) regionOf[b] = 0;
  return ranks.map((_, j) => {
    const r = targets.indexOf(bucketOf[j]!);
    const part = gathered.subarray(offsets[r]!, offsets[r + 1]!);
    select(part, within[j]!, 0, part.length - 1);
    return part[within[j]!]!;
  });
}

function isFloatArray(values: ArrayLike<number>): values is Float32Array | Float64Array {
  return values instanceof Float32Array || values instanceof Float64Array;
}

/** The order statistics at `ranks` of a long float array, or null where the caller must select over all values. */
function radixRanks(values: ArrayLike<number>, ranks: readonly number[]): number[] | null {
  if (values.length < RADIX_FROM || !isFloatArray(values)) return null;
  return valuesAtRanks(values, float32Bits(values), ranks);
}

/** The ranks of the one or two middle values. */
function middleRanks(n: number): number[] {
  return n % 2 ? [(n - 1) / 2] : [n / 2 - 1, n / 2];
}

function middleOf(pair: readonly number[]): number {
  return pair.length === 1 ? pair[0]! : (pair[0]! + pair[1]!) / 2;
}

/** np.median of the values (scratch, of the values' length, is overwritten when the selection runs over all of them). */
export function medianOf(values: ArrayLike<number>, scratch: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const middle = radixRanks(values, middleRanks(n));
  if (middle) return middleOf(middle);
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
  if (n >= RADIX_FROM && isFloatArray(values) && m === m) {
    // The deviations and their float32 roundings in one pass, into buffers of this module.
    if (deviations.length < n) deviations = new Float64Array(n);
    const r = roundedBuffer(n);
    for (let i = 0; i < n; i++) {
      const d = Math.abs(values[i]! - m);
      deviations[i] = d;
      r[i] = d;
    }
    const middle = valuesAtRanks(deviations.subarray(0, n), new Uint32Array(r.buffer, 0, n), middleRanks(n));
    if (middle) return middleOf(middle);
  }
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
  const lower = matlabPosition(n, 0.25);
  const upper = matlabPosition(n, 0.75);
  const quartiles = radixRanks(values, [lower.pre, Math.min(lower.pre + 1, n - 1), upper.pre, Math.min(upper.pre + 1, n - 1)]);
  if (quartiles) {
    const [a, b, c, d] = quartiles as [number, number, number, number];
    return c + (d - c) * upper.frac - (a + (b - a) * lower.frac);
  }
  for (let i = 0; i < n; i++) scratch[i] = values[i]!;
  const a = scratch.length === n ? scratch : scratch.subarray(0, n);
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
