/**
 * PREP's correlation and dropout criteria over consecutive windows of the
 * low-passed channels (see detect.ts), and the per-window cross-products that
 * let the robust reference re-run them cheaply.
 *
 * The robust reference detects on the same low-passed channels L minus one
 * reference ρ after another. The centred cross-product of two re-referenced
 * channels in a window is G_ab − S_aρ − S_bρ + S_ρρ, where G holds the centred
 * cross-products of L (the same for every reference) and S those with ρ: with
 * G kept, a re-referenced detection takes one product per channel and window
 * instead of one per pair of channels.
 */
import { madBelow, matlabQuantile } from './order-statistics';

/** The centred cross-products of every pair of channels in each window, and each window's channel means. */
export interface WindowGram {
  /** The low-passed channels it was taken from, all of them, in channel order. */
  low: readonly Float32Array[];
  w: number;
  count: number;
  means: Float64Array;
  /** count × nCh × nCh, symmetric. */
  products: Float64Array;
}

/** The windows' cross-products are kept up to this size; beyond it (hundreds of channels), each detection computes its own. */
const GRAM_BYTES_LIMIT = 64 * 1024 * 1024;

/** Windows start at 0 and do not overlap; as in PREP, their count is that of offsets 1, 1 + w, … below n − w. */
export function windowCount(n: number, w: number): number {
  return w > 0 ? Math.max(Math.ceil((n - w - 1) / w), 0) : 0;
}

export function windowGram(low: readonly Float32Array[], w: number): WindowGram | null {
  const nCh = low.length;
  const count = windowCount(low[0]?.length ?? 0, w);
  if (count * nCh * nCh * 8 > GRAM_BYTES_LIMIT) return null;
  const means = new Float64Array(count * nCh);
  const products = new Float64Array(count * nCh * nCh);
  const centred = new Float64Array(nCh * w);
  const block = new Float64Array(nCh * nCh);
  for (let win = 0; win < count; win++) {
    for (let c = 0; c < nCh; c++) means[win * nCh + c] = centre(low[c]!.subarray(win * w, win * w + w), centred, c * w);
    crossProducts(centred, nCh, w, block);
    products.set(block, win * nCh * nCh);
  }
  return { low, w, count, means, products };
}

/** Writes seg − its mean into out at `at`; returns the mean. */
function centre(seg: Float32Array, out: Float64Array, at: number): number {
  const w = seg.length;
  let mean = 0;
  for (let i = 0; i < w; i++) mean += seg[i]!;
  mean /= w;
  for (let i = 0; i < w; i++) out[at + i] = seg[i]! - mean;
  return mean;
}

/** Re-referenced detections pass the kept cross-products, which channels of them are `low`, and the low-passed reference (null: none). */
export interface GramView {
  gram: WindowGram;
  channels: readonly number[];
  reference: Float64Array | null;
}

/**
 * Per channel of `low`: how many windows have a 98th-percentile (MATLAB's)
 * absolute correlation with the others below the threshold, and how many are
 * flat. A flat window (MAD < flatUv) counts as both and is left out of the others' correlations.
 */
export function correlationWindows(low: readonly Float32Array[], w: number, threshold: number, flatUv: number, view?: GramView) {
  const nCh = low.length;
  const count = windowCount(low[0]?.length ?? 0, w);
  const lowCorrelation = new Int32Array(nCh);
  const dropout = new Int32Array(nCh);
  const centred = new Float64Array(view ? 0 : nCh * w);
  const norms = new Float64Array(nCh);
  const corr = new Float64Array(nCh * nCh);
  const column = new Float64Array(nCh);
  const scratch = new Float64Array(Math.max(w, nCh));
  const withReference = new Float64Array(nCh);
  for (let win = 0; win < count; win++) {
    const start = win * w;
    const live: number[] = [];
    for (let c = 0; c < nCh; c++) {
      const seg = low[c]!.subarray(start, start + w);
      // PREP tests for a MAD of exactly zero; FFT filtering leaves rounding
      // noise (~1e-13 µV) where the input was flat, so the flat threshold is used.
      if (madBelow(seg, flatUv, scratch)) {
        dropout[c] = dropout[c]! + 1;
        lowCorrelation[c] = lowCorrelation[c]! + 1; // a flat window correlates with nothing
        continue;
      }
      if (!view) centre(seg, centred, live.length * w);
      live.push(c);
    }
    const m = live.length;
    if (view) referencedProducts(view, win, live, withReference, corr);
    else crossProducts(centred, m, w, corr);
    for (let a = 0; a < m; a++) norms[a] = Math.sqrt(corr[a * m + a]!);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) column[b] = a === b ? 0 : Math.abs(corr[b * m + a]! / (norms[a]! * norms[b]!));
      if (matlabQuantile(column.subarray(0, m), 0.98, scratch) < threshold) lowCorrelation[live[a]!] = lowCorrelation[live[a]!]! + 1;
    }
  }
  return { count, lowCorrelation, dropout };
}

/**
 * Into out (m × m): the centred cross-products in window `win` of the live
 * channels minus the reference, from the kept ones: G_ab − S_aρ − S_bρ + S_ρρ.
 */
function referencedProducts(view: GramView, win: number, live: readonly number[], withReference: Float64Array, out: Float64Array): void {
  const { gram, channels, reference } = view;
  const nAll = gram.low.length;
  const m = live.length;
  const base = win * nAll * nAll;
  let rr = 0;
  if (reference) {
    const w = gram.w;
    const start = win * w;
    let mean = 0;
    for (let i = 0; i < w; i++) mean += reference[start + i]!;
    mean /= w;
    for (let i = 0; i < w; i++) rr += (reference[start + i]! - mean) ** 2;
    for (let a = 0; a < m; a++) {
      const c = channels[live[a]!]!;
      const x = gram.low[c]!;
      const xm = gram.means[win * nAll + c]!;
      let s = 0;
      for (let i = 0; i < w; i++) s += (x[start + i]! - xm) * (reference[start + i]! - mean);
      withReference[a] = s;
    }
  } else withReference.fill(0, 0, m);
  for (let a = 0; a < m; a++) {
    const ca = channels[live[a]!]!;
    for (let b = a; b < m; b++) {
      const v = gram.products[base + ca * nAll + channels[live[b]!]!]! - withReference[a]! - withReference[b]! + rr;
      out[a * m + b] = v;
      out[b * m + a] = v;
    }
  }
}

/**
 * The cross-products of the m centred rows (length w) of `centred`, into out
 * (m × m, diagonal included). Each row a is multiplied with four rows b at a
 * time, so a's samples are loaded once for four products.
 */
function crossProducts(centred: Float64Array, m: number, w: number, out: Float64Array): void {
  const put = (a: number, b: number, s: number) => {
    out[a * m + b] = s;
    out[b * m + a] = s;
  };
  for (let a = 0; a < m; a++) {
    const ra = a * w;
    let b = a;
    for (; b + 3 < m; b += 4) {
      const r0 = b * w;
      const r1 = r0 + w;
      const r2 = r1 + w;
      const r3 = r2 + w;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < w; i++) {
        const x = centred[ra + i]!;
        s0 += x * centred[r0 + i]!;
        s1 += x * centred[r1 + i]!;
        s2 += x * centred[r2 + i]!;
        s3 += x * centred[r3 + i]!;
      }
      put(a, b, s0);
      put(a, b + 1, s1);
      put(a, b + 2, s2);
      put(a, b + 3, s3);
    }
    for (; b < m; b++) {
      const rb = b * w;
      let s = 0;
      for (let i = 0; i < w; i++) s += centred[ra + i]! * centred[rb + i]!;
      put(a, b, s);
    }
  }
}
