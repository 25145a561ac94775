/**
 * Daubechies-6 discrete wavelet transform with PyWavelets' `periodization`
 * extension: single level (`dwt`/`idwt`) and multilevel (`wavedec`/`waverec`),
 * matched to pywt 1.1 number for number (tests/unit/dsp/wavelet-reference.test.ts).
 *
 * Written here because no maintained npm wavelet library offers the
 * periodization mode (discrete-wavelets, the best known, has `periodic`, which
 * pads rather than wraps, and is no longer maintained).
 *
 * Periodization keeps the transform orthogonal: a signal of N samples gives
 * ceil(N/2) approximation and detail coefficients. An odd-length signal is
 * first extended by repeating its last sample, as pywt does.
 */

/** pywt.Wavelet('db6').dec_lo. The high-pass is its quadrature mirror. */
export const DB6_DEC_LO: readonly number[] = [
  -0.0010773010853084796, 0.004777257510945511, 0.0005538422011614961, -0.03158203931748603, 0.027522865530305727,
  0.09750160558732304, -0.12976686756726194, -0.22626469396543983, 0.31525035170919763, 0.7511339080210954,
  0.49462389039845306, 0.11154074335010947,
];

/** dec_hi[j] = (-1)^(j+1) · dec_lo[F-1-j], as pywt builds it. */
export const DB6_DEC_HI: readonly number[] = DB6_DEC_LO.map((_, j, lo) => (j % 2 === 0 ? -1 : 1) * lo[lo.length - 1 - j]!);

export interface DwtLevel {
  approx: Float64Array;
  detail: Float64Array;
}

/** The 12 low-pass and high-pass taps as numbers the unrolled loops keep in registers. */
const [L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11] = DB6_DEC_LO as [number, number, number, number, number, number, number, number, number, number, number, number];
const [H0, H1, H2, H3, H4, H5, H6, H7, H8, H9, H10, H11] = DB6_DEC_HI as [number, number, number, number, number, number, number, number, number, number, number, number];
const TAPS = DB6_DEC_LO.length;

/**
 * One output pair of dwtPeriodization near the ends, where the index wraps (as
 * often as a short signal needs) into x extended by its last sample to an even
 * length. Kept out of the main loop's function: a closure there would move x
 * and the outputs into a context object and slow every access of the interior.
 */
function dwtEdge(x: ArrayLike<number>, k: number, approx: Float64Array, detail: Float64Array): void {
  const n = x.length;
  const m = n + (n % 2);
  let a = 0;
  let d = 0;
  const centre = TAPS / 2 + 2 * k;
  for (let j = 0; j < TAPS; j++) {
    const w = (((centre - j) % m) + m) % m;
    const v = w < n ? x[w]! : x[n - 1]!;
    a += DB6_DEC_LO[j]! * v;
    d += DB6_DEC_HI[j]! * v;
  }
  approx[k] = a;
  detail[k] = d;
}

/** Outputs 2p and 2p+1 of idwtPeriodization near the ends, coefficient indices wrapped. */
function idwtEdge(approx: ArrayLike<number>, detail: ArrayLike<number>, p: number, out: Float64Array): void {
  const half = approx.length;
  let even = 0;
  let odd = 0;
  for (let q = 0; q < TAPS / 2; q++) {
    const ke = (((p - 3 + q) % half) + half) % half;
    const ko = (((p - 2 + q) % half) + half) % half;
    even += DB6_DEC_LO[2 * q]! * approx[ke]! + DB6_DEC_HI[2 * q]! * detail[ke]!;
    odd += DB6_DEC_LO[2 * q + 1]! * approx[ko]! + DB6_DEC_HI[2 * q + 1]! * detail[ko]!;
  }
  out[2 * p] = even;
  out[2 * p + 1] = odd;
}

/**
 * One level: out[k] = Σ_j f[j] · x[(F/2 + 2k − j) mod M], where M is N rounded up
 * to even (the extra sample repeats the last one), as pywt's
 * downsampling_convolution_periodization. Away from the ends the 12 taps are
 * unrolled (wICA runs this on every touched epoch of every component); near
 * them the index wraps, as often as a short signal needs.
 */
export function dwtPeriodization(x: ArrayLike<number>): DwtLevel {
  const n = x.length;
  const m = n + (n % 2);
  const half = m / 2;
  const approx = new Float64Array(half);
  const detail = new Float64Array(half);
  // Outputs whose taps stay inside x: centre − 11 ≥ 0 and centre < n.
  const first = Math.min(half, 3);
  const last = Math.max(first, Math.min(half, Math.ceil((n - TAPS / 2) / 2)));
  for (let k = 0; k < first; k++) dwtEdge(x, k, approx, detail);
  for (let k = first; k < last; k++) {
    const b = 2 * k - 5;
    const v11 = x[b]!;
    const v10 = x[b + 1]!;
    const v9 = x[b + 2]!;
    const v8 = x[b + 3]!;
    const v7 = x[b + 4]!;
    const v6 = x[b + 5]!;
    const v5 = x[b + 6]!;
    const v4 = x[b + 7]!;
    const v3 = x[b + 8]!;
    const v2 = x[b + 9]!;
    const v1 = x[b + 10]!;
    const v0 = x[b + 11]!;
    // Summed as a tree, not left to right: a chain of 11 dependent additions would bound the speed.
    approx[k] = L0 * v0 + L1 * v1 + (L2 * v2 + L3 * v3) + (L4 * v4 + L5 * v5 + (L6 * v6 + L7 * v7)) + (L8 * v8 + L9 * v9 + (L10 * v10 + L11 * v11));
    detail[k] = H0 * v0 + H1 * v1 + (H2 * v2 + H3 * v3) + (H4 * v4 + H5 * v5 + (H6 * v6 + H7 * v7)) + (H8 * v8 + H9 * v9 + (H10 * v10 + H11 * v11));
  }
  for (let k = last; k < half; k++) dwtEdge(x, k, approx, detail);
  return { approx, detail };
}

/**
 * The inverse of one level, 2·n samples from n coefficients of each kind: the
 * transpose of dwtPeriodization, which for an orthogonal wavelet is its inverse.
 * Each output gathers its six coefficient pairs: out[2p] from k = p−3..p+2 with
 * the even taps, out[2p+1] from k = p−2..p+3 with the odd ones (k wrapped mod n
 * near the ends).
 */
export function idwtPeriodization(approx: ArrayLike<number>, detail: ArrayLike<number>): Float64Array {
  const half = approx.length;
  if (detail.length !== half) throw new RangeError(`idwt: ${half} approximation but ${detail.length} detail coefficients.`);
  const m = 2 * half;
  const out = new Float64Array(m);
  const first = Math.min(half, 3);
  const last = Math.max(first, half - 3);
  for (let p = 0; p < first; p++) idwtEdge(approx, detail, p, out);
  for (let p = first; p < last; p++) {
    const a0 = approx[p - 3]!;
    const a1 = approx[p - 2]!;
    const a2 = approx[p - 1]!;
    const a3 = approx[p]!;
    const a4 = approx[p + 1]!;
    const a5 = approx[p + 2]!;
    const a6 = approx[p + 3]!;
    const d0 = detail[p - 3]!;
    const d1 = detail[p - 2]!;
    const d2 = detail[p - 1]!;
    const d3 = detail[p]!;
    const d4 = detail[p + 1]!;
    const d5 = detail[p + 2]!;
    const d6 = detail[p + 3]!;
    out[2 * p] = L0 * a0 + H0 * d0 + (L2 * a1 + H2 * d1) + (L4 * a2 + H4 * d2 + (L6 * a3 + H6 * d3)) + (L8 * a4 + H8 * d4 + (L10 * a5 + H10 * d5));
    out[2 * p + 1] = L1 * a1 + H1 * d1 + (L3 * a2 + H3 * d2) + (L5 * a3 + H5 * d3 + (L7 * a4 + H7 * d4)) + (L9 * a5 + H9 * d5 + (L11 * a6 + H11 * d6));
  }
  for (let p = last; p < half; p++) idwtEdge(approx, detail, p, out);
  return out;
}

/** pywt.wavedec(x, 'db6', mode='periodization', level): [cA_level, cD_level, …, cD_1]. */
export function wavedec(x: ArrayLike<number>, level: number): Float64Array[] {
  if (!Number.isInteger(level) || level < 1) throw new RangeError(`wavedec: level must be a positive integer, got ${level}.`);
  if (x.length < 2) throw new RangeError('wavedec: the signal needs at least 2 samples.');
  const details: Float64Array[] = [];
  let approx: ArrayLike<number> = x;
  for (let l = 0; l < level; l++) {
    const step = dwtPeriodization(approx);
    details.push(step.detail);
    approx = step.approx;
  }
  return [approx as Float64Array, ...details.reverse()];
}

/**
 * pywt.waverec(coeffs, 'db6', mode='periodization'): where a reconstructed
 * approximation is one sample longer than the next detail (an odd length was
 * extended), its last sample is dropped, as pywt does.
 */
export function waverec(coeffs: readonly Float64Array[]): Float64Array {
  if (coeffs.length < 2) throw new RangeError('waverec: needs an approximation and at least one detail.');
  let approx = coeffs[0]!;
  for (let l = 1; l < coeffs.length; l++) {
    const detail = coeffs[l]!;
    if (approx.length === detail.length + 1) approx = approx.subarray(0, detail.length);
    approx = idwtPeriodization(approx, detail);
  }
  return approx;
}
