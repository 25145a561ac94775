/**
 * Welch's power spectral density, as scipy.signal.welch with the options the
 * spec exposes and scipy's defaults otherwise: a periodic window, segments of
 * `nperseg` samples overlapping by `noverlap`, the mean of each segment
 * removed (detrend='constant'), nfft = nperseg, density scaling (V²/Hz, here
 * µV²/Hz), one-sided, segments averaged by their mean.
 */
import { dftPlan } from './bluestein';
import { releaseLargeMemory, simdFftPlan } from './fft-simd';
import type { SimdFftPlan } from './fft-simd';
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
  if (simd && x instanceof Float32Array && nperseg % 2 === 0) {
    welchInModule(simd, x, starts, win, bins, power);
  } else {
    const plan = dftPlan(nperseg);
    const re = new Float64Array(nperseg);
    const im = new Float64Array(nperseg);
    for (let s = 0; s < segments; s += 2) {
      loadSegment(x, starts[s]!, nperseg, win, re);
      if (s + 1 < segments) loadSegment(x, starts[s + 1]!, nperseg, win, im);
      else im.fill(0);
      plan.forward(re, im);
      accumulatePair(re, im, nperseg, bins, power);
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

/** Segment minus its mean, times the window (scipy's detrend='constant'). */
function loadSegment(x: Float32Array | Float64Array, start: number, n: number, win: Float64Array, out: Float64Array): void {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[start + i]!;
  mean /= n;
  for (let i = 0; i < n; i++) out[i] = (x[start + i]! - mean) * win[i]!;
}

/** Adds |A_k|² + |B_k|² of the two real segments packed in (re, im): A = (Z_k + conj Z_{N−k})/2, B = (Z_k − conj Z_{N−k})/2i. */
function accumulatePair(re: Float64Array, im: Float64Array, n: number, bins: number, power: Float64Array): void {
  for (let k = 0; k < bins; k++) {
    const j = k === 0 ? 0 : n - k;
    const a = re[k]!;
    const b = im[k]!;
    const c = re[j]!;
    const d = im[j]!;
    const p = a + c;
    const q = b - d;
    const r = b + d;
    const t = a - c;
    power[k] = power[k]! + 0.25 * (p * p + q * q + r * r + t * t);
  }
}

/**
 * The same loop in the SIMD module (fft-simd.wat's loadSegments and powerPair): the
 * channel is copied into its memory once, then each pair of segments is detrended,
 * windowed, transformed and summed there.
 */
function welchInModule(plan: SimdFftPlan, x: Float32Array, starts: readonly number[], win: Float64Array, bins: number, power: Float64Array): void {
  const { kernel, size } = plan;
  const { loadSegments, powerPair } = kernel.exports;
  const [xAt, winAt, powerAt] = kernel.scratch(4 * x.length, 8 * size, 8 * bins) as [number, number, number];
  new Float32Array(kernel.exports.memory.buffer, xAt, x.length).set(x);
  const heap = kernel.heap();
  heap.set(win, winAt / 8);
  heap.fill(0, powerAt / 8, powerAt / 8 + bins);
  for (let s = 0; s < starts.length; s += 2) {
    loadSegments(plan.x, xAt, starts[s]!, s + 1 < starts.length ? starts[s + 1]! : -1, size, winAt);
    powerPair(powerAt, plan.run(), size, bins);
  }
  power.set(heap.subarray(powerAt / 8, powerAt / 8 + bins));
  releaseLargeMemory();
}
