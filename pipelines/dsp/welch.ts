/**
 * Welch's power spectral density, as scipy.signal.welch with the options the
 * spec exposes and scipy's defaults otherwise: a periodic window, segments of
 * `nperseg` samples overlapping by `noverlap`, the mean of each segment
 * removed (detrend='constant'), nfft = nperseg, density scaling (V²/Hz, here
 * µV²/Hz), one-sided, segments averaged by their mean.
 */
import { dftPlan } from './bluestein';
import { simdFftPlan } from './fft-simd';
import { hann } from './windows';

export interface WelchOptions {
  sfreq: number;
  nperseg: number;
  noverlap: number;
  /** Defaults to a periodic Hann window of nperseg samples. */
  window?: Float64Array;
  /** Only the bins up to this frequency (Hz) are computed, e.g. the top of the bands; all by default. */
  maxHz?: number;
}

export interface Psd {
  freqs: Float64Array;
  /** One value per frequency, µV²/Hz for µV input. */
  power: Float64Array;
  segments: number;
}

export function welch(x: Float32Array | Float64Array, options: WelchOptions): Psd {
  let { nperseg, noverlap } = options;
  // scipy shortens the segment to the signal (with a warning).
  if (nperseg > x.length) {
    nperseg = x.length;
    noverlap = Math.min(noverlap, nperseg - 1);
  }
  if (!(nperseg >= 1) || !(noverlap >= 0 && noverlap < nperseg)) {
    throw new RangeError(`Welch needs 0 ≤ noverlap < nperseg, got ${noverlap} and ${nperseg}`);
  }
  const step = nperseg - noverlap;
  const count = Math.floor((x.length - noverlap) / step);
  const starts = Array.from({ length: count }, (_, s) => s * step);
  return welchSegments(x, starts, { ...options, nperseg, noverlap });
}

/**
 * The Welch average over segments starting at `starts` (each nperseg long),
 * e.g. the segments of several epochs pooled: with the same number of segments
 * per epoch this equals the mean over epochs of each epoch's Welch PSD. Two
 * real segments share one complex FFT (one as the real part, one as the
 * imaginary part) and are separated by the spectrum's symmetry.
 */
export function welchSegments(x: Float32Array | Float64Array, starts: readonly number[], options: WelchOptions): Psd {
  const { sfreq, nperseg } = options;
  const win = options.window && options.window.length === nperseg ? options.window : hann(nperseg, false);
  let winSq = 0;
  for (let i = 0; i < nperseg; i++) winSq += win[i]! * win[i]!;
  const scale = 1 / (sfreq * winSq);
  const segments = starts.length;
  const allBins = Math.floor(nperseg / 2) + 1;
  const bins = options.maxHz === undefined ? allBins : Math.min(allBins, Math.floor((options.maxHz * nperseg) / sfreq) + 1);
  const power = new Float64Array(bins);
  const simd = simdFftPlan(nperseg);
  if (simd) {
    // Segments written straight into the module's memory, interleaved, and read back in place.
    const heap = simd.kernel.heap();
    for (let s = 0; s < segments; s += 2) {
      loadSegment(x, starts[s]!, nperseg, win, heap, simd.x / 8, 2);
      if (s + 1 < segments) loadSegment(x, starts[s + 1]!, nperseg, win, heap, simd.x / 8 + 1, 2);
      else for (let i = 0; i < nperseg; i++) heap[simd.x / 8 + 2 * i + 1] = 0;
      const at = simd.run() / 8;
      accumulatePair(heap, at, at + 1, 2, nperseg, bins, power);
    }
  } else {
    const plan = dftPlan(nperseg);
    const re = new Float64Array(nperseg);
    const im = new Float64Array(nperseg);
    for (let s = 0; s < segments; s += 2) {
      loadSegment(x, starts[s]!, nperseg, win, re);
      if (s + 1 < segments) loadSegment(x, starts[s + 1]!, nperseg, win, im);
      else im.fill(0);
      plan.forward(re, im);
      accumulatePair(re, 0, 0, 1, nperseg, bins, power, im);
    }
  }
  const lastDoubled = nperseg % 2 === 0 ? allBins - 1 : allBins;
  for (let k = 0; k < bins; k++) {
    const oneSided = k > 0 && k < lastDoubled ? 2 : 1;
    power[k] = (power[k]! * scale * oneSided) / segments;
  }
  const freqs = new Float64Array(bins);
  for (let k = 0; k < bins; k++) freqs[k] = (k * sfreq) / nperseg;
  return { freqs, power, segments };
}

/** Segment minus its mean, times the window (scipy's detrend='constant'), into out[at + stride·i]. */
function loadSegment(x: Float32Array | Float64Array, start: number, n: number, win: Float64Array, out: Float64Array, at = 0, stride = 1): void {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[start + i]!;
  mean /= n;
  for (let i = 0; i < n; i++) out[at + stride * i] = (x[start + i]! - mean) * win[i]!;
}

/**
 * Adds |A_k|² + |B_k|² of the two real segments packed in Z = re + i·im: A = (Z_k + conj Z_{N−k})/2,
 * B = (Z_k − conj Z_{N−k})/2i. Z_k's parts are at re[reAt + stride·k] and im[imAt + stride·k]
 * (im defaults to re: one interleaved buffer).
 */
function accumulatePair(re: Float64Array, reAt: number, imAt: number, stride: number, n: number, bins: number, power: Float64Array, im = re): void {
  for (let k = 0; k < bins; k++) {
    const j = k === 0 ? 0 : n - k;
    const a = re[reAt + stride * k]!;
    const b = im[imAt + stride * k]!;
    const c = re[reAt + stride * j]!;
    const d = im[imAt + stride * j]!;
    const p = a + c;
    const q = b - d;
    const r = b + d;
    const t = a - c;
    power[k] = power[k]! + 0.25 * (p * p + q * q + r * r + t * t);
  }
}
