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

/**
 * One level: out[k] = Σ_j f[j] · x[(F/2 + 2k − j) mod M], where M is N rounded up
 * to even (the extra sample repeats the last one), as pywt's
 * downsampling_convolution_periodization.
 */
export function dwtPeriodization(x: ArrayLike<number>): DwtLevel {
  const n = x.length;
  const m = n + (n % 2);
  const half = m / 2;
  const lo = DB6_DEC_LO;
  const hi = DB6_DEC_HI;
  const f = lo.length;
  // The extended signal: x, its last sample repeated to an even length.
  const ext = new Float64Array(m);
  for (let i = 0; i < n; i++) ext[i] = x[i]!;
  if (m > n) ext[n] = x[n - 1]!;
  const approx = new Float64Array(half);
  const detail = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    let a = 0;
    let d = 0;
    const centre = f / 2 + 2 * k;
    if (centre - (f - 1) >= 0 && centre < m) {
      // Away from the ends: no wrapping.
      for (let j = 0; j < f; j++) {
        const v = ext[centre - j]!;
        a += lo[j]! * v;
        d += hi[j]! * v;
      }
    } else {
      for (let j = 0; j < f; j++) {
        const v = ext[(((centre - j) % m) + m) % m]!;
        a += lo[j]! * v;
        d += hi[j]! * v;
      }
    }
    approx[k] = a;
    detail[k] = d;
  }
  return { approx, detail };
}

/**
 * The inverse of one level, 2·n samples from n coefficients of each kind: the
 * transpose of dwtPeriodization, which for an orthogonal wavelet is its inverse.
 */
export function idwtPeriodization(approx: ArrayLike<number>, detail: ArrayLike<number>): Float64Array {
  const half = approx.length;
  if (detail.length !== half) throw new RangeError(`idwt: ${half} approximation but ${detail.length} detail coefficients.`);
  const m = 2 * half;
  const lo = DB6_DEC_LO;
  const hi = DB6_DEC_HI;
  const f = lo.length;
  const out = new Float64Array(m);
  for (let k = 0; k < half; k++) {
    const a = approx[k]!;
    const d = detail[k]!;
    const centre = f / 2 + 2 * k;
    if (centre - (f - 1) >= 0 && centre < m) {
      for (let j = 0; j < f; j++) out[centre - j] = out[centre - j]! + lo[j]! * a + hi[j]! * d;
    } else {
      for (let j = 0; j < f; j++) {
        const i = (((centre - j) % m) + m) % m;
        out[i] = out[i]! + lo[j]! * a + hi[j]! * d;
      }
    }
  }
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
