/**
 * Exact order statistics of long float arrays (a channel's 150,000+ samples,
 * taken several times per channel at each round of the robust reference), in
 * two or three passes without sorting:
 * 1. one pass counts the values into 65,536 buckets by the top 16 bits of their
 *    float32 bit pattern made order-preserving (sign, exponent and 7 bits of the
 *    mantissa: a bucket spans under 1% of a value's magnitude; fewer bits for
 *    fewer values); doubles are bucketed by their float32 rounding, which is
 *    monotone too;
 * 2. the running counts name the bucket that holds each wanted rank, and the
 *    rank within it;
 * 3. one pass gathers those buckets' values, exactly as given (a few hundred),
 *    and the selection runs on them only.
 * A bucket is a non-decreasing function of the value, so the buckets' order is
 * the values' order and the answer is always exact; ties and narrow spreads only
 * make the gathered buckets fuller.
 */
import { select } from './select';

const MOST_BUCKETS = 1 << 16;
// Fewer, coarser buckets for shorter arrays (wICA's detail levels have a few
// thousand values), where clearing and summing 65,536 counts would cost more
// than the pass itself. Set by countInto for the selection that follows.
let shift = 16;
let buckets = MOST_BUCKETS;
const counts = new Int32Array(MOST_BUCKETS);
/** before[b]: how many values lie in the buckets before b (set by countInto). */
const before = new Int32Array(MOST_BUCKETS + 1);
/** For the buckets that hold a wanted rank: 1 + the index of their region in `gathered`; 0 elsewhere. */
const regionOf = new Int32Array(MOST_BUCKETS);
// Grown on demand and kept: selections follow one another on same-sized channels.
let rounded = new Float32Array(0);
let gathered = new Float64Array(0);
const one = new Float32Array(1);
const oneBits = new Uint32Array(one.buffer);

export type FloatArray = Float32Array | Float64Array;

/** The bucket of a value (of its float32 rounding), as countInto counts it. */
function bucketOf(v: number): number {
  one[0] = v;
  const u = oneBits[0]!;
  return (u ^ ((u >> 31) | 0x80000000)) >>> shift;
}

/** The float32 bit patterns of the values: their own when they are float32, else those of their roundings. */
function float32Bits(values: FloatArray): Uint32Array {
  const n = values.length;
  if (values instanceof Float32Array) return new Uint32Array(values.buffer, values.byteOffset, n);
  if (rounded.length < n) rounded = new Float32Array(n);
  const r = rounded;
  for (let i = 0; i < n; i++) r[i] = values[i]!;
  return new Uint32Array(r.buffer, 0, n);
}

/** Counts the values into the buckets and sets `before`; false if a value is NaN (numpy's answers are then NaN). */
function countInto(values: FloatArray, bits: Uint32Array): boolean {
  const n = values.length;
  const bitCount = n >= 65_536 ? 16 : n >= 8192 ? 14 : 12;
  shift = 32 - bitCount;
  buckets = 1 << bitCount;
  const by = shift;
  counts.fill(0, 0, buckets);
  for (let i = 0; i < n; i++) {
    const u = bits[i]!;
    const b = (u ^ ((u >> 31) | 0x80000000)) >>> by;
    counts[b] = counts[b]! + 1;
  }
  let running = 0;
  for (let b = 0; b < buckets; b++) {
    before[b] = running;
    running += counts[b]!;
  }
  before[buckets] = running;
  // NaN and ±Infinity have every exponent bit set: they fall in the outermost 1/512 of the buckets at each end only.
  const outermost = buckets >> 9;
  const extreme = before[outermost]! + (n - before[buckets - outermost]!);
  return extreme === 0 || !values.some((v) => v !== v);
}

/** The values at `ranks` (0-based, in sorted order), from the counts of countInto. */
function gatherRanks(values: FloatArray, bits: Uint32Array, ranks: readonly number[]): number[] {
  const n = values.length;
  const place = ranks.map((rank) => {
    // The last bucket whose predecessors hold at most `rank` values.
    let lo = 0;
    let hi = buckets - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (before[mid]! <= rank) lo = mid;
      else hi = mid - 1;
    }
    return { bucket: lo, within: rank - before[lo]! };
  });
  const targets = [...new Set(place.map((p) => p.bucket))];
  const offsets = new Int32Array(targets.length + 1);
  targets.forEach((b, r) => {
    regionOf[b] = r + 1;
    offsets[r + 1] = offsets[r]! + counts[b]!;
  });
  if (gathered.length < offsets[targets.length]!) gathered = new Float64Array(Math.max(offsets[targets.length]!, 2 * gathered.length));
  const into = gathered;
  const fill = offsets.slice(0, targets.length);
  const by = shift;
  for (let i = 0; i < n; i++) {
    const u = bits[i]!;
    const region = regionOf[(u ^ ((u >> 31) | 0x80000000)) >>> by]!;
    if (region !== 0) into[fill[region - 1]!++] = values[i]!;
  }
  for (const b of targets) regionOf[b] = 0;
  return place.map(({ bucket: b, within }) => {
    const r = targets.indexOf(b);
    const part = into.subarray(offsets[r]!, offsets[r + 1]!);
    select(part, within, 0, part.length - 1);
    return part[within]!;
  });
}

/** The values at `ranks` (0-based) of the values in sorted order; null when the caller must select over all values (NaN, or no spread). */
export function valuesAtRanks(values: FloatArray, ranks: readonly number[]): number[] | null {
  const bits = float32Bits(values);
  return countInto(values, bits) ? gatherRanks(values, bits, ranks) : null;
}

/** The ranks of the one or two middle values of n. */
export function middleRanks(n: number): number[] {
  return n % 2 ? [(n - 1) / 2] : [n / 2 - 1, n / 2];
}

export function middleOf(pair: readonly number[]): number {
  return pair.length === 1 ? pair[0]! : (pair[0]! + pair[1]!) / 2;
}

/**
 * The median and the MAD (median of |value − median|, unscaled), from the
 * median's histogram and one more gathering pass over a few buckets, instead of
 * a pass over every deviation. The values within t of the median m number at
 * least the counts of the buckets strictly between those of m − t and m + t,
 * and at most those of the buckets from the one to the other. Bisection on t
 * turns these bounds into deviations tLo (no more deviations up to it than the
 * lower middle rank) and tHi (more than the upper middle rank up to it). The
 * values in the buckets strictly between those of m − tLo and m + tLo all lie
 * within tLo, and are only counted; those in the buckets from m − tHi's to
 * m − tLo's, and from m + tLo's to m + tHi's, are gathered, their deviations
 * taken, and the selection runs on those, checked to fall in [tLo, tHi]. Null
 * as for valuesAtRanks, or should the check fail (then the caller takes every deviation).
 */
export function medianAndMad(values: FloatArray): { median: number; mad: number } | null {
  const n = values.length;
  const bits = float32Bits(values);
  if (!countInto(values, bits)) return null;
  const ranks = middleRanks(n);
  const m = middleOf(gatherRanks(values, bits, ranks));
  const inner = (t: number) => Math.max(0, before[bucketOf(m + t)]! - before[bucketOf(m - t) + 1]!);
  const outer = (t: number) => before[bucketOf(m + t) + 1]! - before[bucketOf(m - t)]!;
  const kLo = ranks[0]!;
  const kHi = ranks[ranks.length - 1]!;
  // A deviation large enough to hold more than the middle rank: a sample's largest, doubled as needed.
  let top = Number.MIN_VALUE;
  for (let i = 0; i < n; i += 64) top = Math.max(top, Math.abs(values[i]! - m));
  while (inner(top) <= kHi && top < Infinity) top *= 2;
  const tLo = outer(0) > kLo ? 0 : boundary(0, top, (t) => outer(t) <= kLo)[0];
  const tHi = boundary(0, top, (t) => inner(t) <= kHi)[1];

  const [lowFrom, lowTo, highFrom, highTo] = [bucketOf(m - tHi), bucketOf(m - tLo), bucketOf(m + tLo), bucketOf(m + tHi)];
  const apart = highFrom - lowTo > 1;
  const within = apart ? before[highFrom]! - before[lowTo + 1]! : 0;
  const marked = apart ? [lowFrom, lowTo, highFrom, highTo] : [lowFrom, highTo];
  for (let r = 0; r < marked.length; r += 2) regionOf.fill(1, marked[r]!, marked[r + 1]! + 1);
  if (gathered.length < n) gathered = new Float64Array(n);
  const into = gathered;
  let count = 0;
  const by = shift;
  for (let i = 0; i < n; i++) {
    const u = bits[i]!;
    if (regionOf[(u ^ ((u >> 31) | 0x80000000)) >>> by] !== 0) into[count++] = Math.abs(values[i]! - m);
  }
  for (let r = 0; r < marked.length; r += 2) regionOf.fill(0, marked[r]!, marked[r + 1]! + 1);
  if (kLo < within || kHi - within >= count) return null;
  const part = into.subarray(0, count);
  const pair = ranks.map((k) => {
    select(part, k - within, 0, count - 1);
    return part[k - within]!;
  });
  // The values counted lie strictly between m − tLo and m + tLo (as rounded), the
  // values neither counted nor gathered strictly beyond m ± tHi: the pair must lie
  // between those deviations for the ranks among the gathered to be the ranks among all.
  const innerBound = Math.max(m - (m - tLo), m + tLo - m);
  const outerBound = Math.min(m - (m - tHi), m + tHi - m);
  if (pair.some((d) => (apart && d < innerBound) || d > outerBound)) return null;
  return { median: m, mad: middleOf(pair) };
}

/**
 * For a test monotone on [lo, hi], true at lo and false at hi: the last place
 * found true and the first found false, after 60 halvings (or adjacent doubles).
 */
function boundary(lo: number, hi: number, holds: (t: number) => boolean): [number, number] {
  for (let i = 0; i < 60; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (holds(mid)) lo = mid;
    else hi = mid;
  }
  return [lo, hi];
}
