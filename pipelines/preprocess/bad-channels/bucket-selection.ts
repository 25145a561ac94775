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
 *    and the selection runs on them only (medianAndMad gathers the MAD's
 *    candidates in the same pass as the median's).
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
/** Marks of the buckets a gathering pass collects (gatherRanks: 1 + the region's index; medianAndMad: 1 median, 2 MAD, 3 both); 0 elsewhere, and reset after each pass. */
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

/** The bucket holding the value of a rank, and its rank within the bucket (from countInto's counts). */
function placeOf(rank: number): { bucket: number; within: number } {
  // The last bucket whose predecessors hold at most `rank` values.
  let lo = 0;
  let hi = buckets - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (before[mid]! <= rank) lo = mid;
    else hi = mid - 1;
  }
  return { bucket: lo, within: rank - before[lo]! };
}

/** The values at `ranks` (0-based, in sorted order), from the counts of countInto. */
function gatherRanks(values: FloatArray, bits: Uint32Array, ranks: readonly number[]): number[] {
  const n = values.length;
  const place = ranks.map(placeOf);
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

/** The smallest and largest float32 values of a bucket; doubles rounding into it lie within half a float32 step more. */
function bucketSpan(b: number): [number, number] {
  const valueOfKey = (key: number) => {
    oneBits[0] = key >= 0x80000000 ? key - 0x80000000 : ~key >>> 0;
    return one[0]!;
  };
  const lowest = valueOfKey(b * 2 ** shift);
  const highest = valueOfKey((b + 1) * 2 ** shift - 1);
  const slack = (v: number) => Math.abs(v) * 2 ** -23 + 2 ** -149;
  return [lowest - slack(lowest), highest + slack(highest)];
}

/**
 * The median and the MAD (median of |value − median|, unscaled), from one count
 * and one gathering pass. The counts place the median in a bucket, so within
 * [mLo, mHi]. The values within t of the median then number at least the counts
 * of the buckets strictly between those of mHi − t and mLo + t, and at most those
 * of the buckets from mLo − t's to mHi + t's. Bisection on t turns these bounds
 * into deviations tLo (no more deviations up to it than the lower middle rank)
 * and tHi (more than the upper middle rank up to it). One pass then gathers the
 * median's buckets and the buckets from mLo − tHi's to mHi − tLo's and from
 * mLo + tLo's to mHi + tHi's; the buckets between the latter two are only counted
 * (every value there lies within tLo of the median). The median is selected among
 * its buckets' values, the MAD among the gathered values' deviations from it, and
 * checked to lie between the deviations of the values counted and of those left
 * out. Null as for valuesAtRanks, or should that check fail (the caller then
 * takes every deviation).
 */
export function medianAndMad(values: FloatArray): { median: number; mad: number } | null {
  const n = values.length;
  const bits = float32Bits(values);
  if (!countInto(values, bits)) return null;
  const ranks = middleRanks(n);
  const kLo = ranks[0]!;
  const kHi = ranks[ranks.length - 1]!;
  const middle = ranks.map(placeOf);
  const medianFrom = middle[0]!.bucket;
  const medianTo = middle[middle.length - 1]!.bucket;
  const [mLo, mHi] = [bucketSpan(medianFrom)[0], bucketSpan(medianTo)[1]];
  if (!Number.isFinite(mLo) || !Number.isFinite(mHi)) return null;
  const inner = (t: number) => Math.max(0, before[bucketOf(mLo + t)]! - before[bucketOf(mHi - t) + 1]!);
  const outer = (t: number) => before[bucketOf(mHi + t) + 1]! - before[bucketOf(mLo - t)]!;
  // A deviation large enough to hold more than the middle rank: a sample's largest, doubled as needed.
  let top = Number.MIN_VALUE;
  for (let i = 0; i < n; i += 64) top = Math.max(top, Math.abs(values[i]! - mLo), Math.abs(values[i]! - mHi));
  while (inner(top) <= kHi && top < Infinity) top *= 2;
  const tLo = outer(0) > kLo ? 0 : boundary(0, top, (t) => outer(t) <= kLo)[0];
  const tHi = boundary(0, top, (t) => inner(t) <= kHi)[1];

  const [lowFrom, lowTo, highFrom, highTo] = [bucketOf(mLo - tHi), bucketOf(mHi - tLo), bucketOf(mLo + tLo), bucketOf(mHi + tHi)];
  const apart = highFrom - lowTo > 1;
  const within = apart ? before[highFrom]! - before[lowTo + 1]! : 0;
  const ranges = apart ? [lowFrom, lowTo, highFrom, highTo] : [lowFrom, highTo];
  // Marks: 1 for the median's buckets, 2 for the deviations', 3 for both.
  for (let r = 0; r < ranges.length; r += 2) regionOf.fill(2, ranges[r]!, ranges[r + 1]! + 1);
  for (let b = medianFrom; b <= medianTo; b++) regionOf[b] = regionOf[b]! | 1;
  const medianCount = before[medianTo + 1]! - before[medianFrom]!;
  if (gathered.length < n + medianCount) gathered = new Float64Array(n + medianCount);
  const into = gathered;
  let medianAt = 0;
  let count = medianCount;
  const by = shift;
  for (let i = 0; i < n; i++) {
    const u = bits[i]!;
    const mark = regionOf[(u ^ ((u >> 31) | 0x80000000)) >>> by]!;
    if (mark !== 0) {
      const v = values[i]!;
      if (mark & 1) into[medianAt++] = v;
      if (mark & 2) into[count++] = v;
    }
  }
  for (let r = 0; r < ranges.length; r += 2) regionOf.fill(0, ranges[r]!, ranges[r + 1]! + 1);
  regionOf.fill(0, medianFrom, medianTo + 1);

  const medianPart = into.subarray(0, medianCount);
  const m = middleOf(
    ranks.map((k) => {
      const at = k - before[medianFrom]!;
      select(medianPart, at, 0, medianCount - 1);
      return medianPart[at]!;
    }),
  );
  const part = into.subarray(medianCount, count);
  for (let i = 0; i < part.length; i++) part[i] = Math.abs(part[i]! - m);
  if (kLo < within || kHi - within >= part.length) return null;
  const pair = ranks.map((k) => {
    select(part, k - within, 0, part.length - 1);
    return part[k - within]!;
  });
  // The values counted lie strictly between mHi − tLo and mLo + tLo (as rounded), those
  // left out strictly beyond mLo − tHi and mHi + tHi: the pair must lie between their
  // deviations for its ranks among the gathered to be its ranks among all.
  const innerBound = Math.max(m - (mHi - tLo), mLo + tLo - m);
  const outerBound = Math.min(m - (mLo - tHi), mHi + tHi - m);
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
