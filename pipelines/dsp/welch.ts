/**
 * Welch's power spectral density, as scipy.signal.welch with the options the
 * spec exposes and scipy's defaults otherwise: a periodic window, segments of
 * `nperseg` samples overlapping by `noverlap`, the mean of each segment
 * removed (detrend='constant'), nfft = nperseg, density scaling (V²/Hz, here
 * µV²/Hz), one-sided, segments averaged by their mean.
 */
import { dftPlan } from './bluestein';
import { hann } from './windows';

export interface WelchOptions {
  sfreq: number;
  nperseg: number;
  noverlap: number;
  /** Defaults to a periodic Hann window of nperseg samples. */
  window?: Float64Array;
}

export interface Psd {
  freqs: Float64Array;
  /** One value per frequency, µV²/Hz for µV input. */
  power: Float64Array;
  segments: number;
}

export function welch(x: ArrayLike<number>, options: WelchOptions): Psd {
  const { sfreq } = options;
  let { nperseg, noverlap } = options;
  // scipy shortens the segment to the signal (with a warning).
  if (nperseg > x.length) {
    nperseg = x.length;
    noverlap = Math.min(noverlap, nperseg - 1);
  }
  if (!(nperseg >= 1) || !(noverlap >= 0 && noverlap < nperseg)) {
    throw new RangeError(`Welch needs 0 ≤ noverlap < nperseg, got ${noverlap} and ${nperseg}`);
  }
  const win = options.window && options.window.length === nperseg ? options.window : hann(nperseg, false);
  let winSq = 0;
  for (let i = 0; i < nperseg; i++) winSq += win[i]! * win[i]!;
  const scale = 1 / (sfreq * winSq);
  const step = nperseg - noverlap;
  const segments = Math.floor((x.length - noverlap) / step);
  const bins = Math.floor(nperseg / 2) + 1;
  const power = new Float64Array(bins);
  const plan = dftPlan(nperseg);
  const re = new Float64Array(nperseg);
  const im = new Float64Array(nperseg);
  for (let s = 0; s < segments; s++) {
    const start = s * step;
    let mean = 0;
    for (let i = 0; i < nperseg; i++) mean += x[start + i]!;
    mean /= nperseg;
    for (let i = 0; i < nperseg; i++) re[i] = (x[start + i]! - mean) * win[i]!;
    im.fill(0);
    plan.forward(re, im);
    for (let k = 0; k < bins; k++) power[k] = power[k]! + re[k]! * re[k]! + im[k]! * im[k]!;
  }
  const lastDoubled = nperseg % 2 === 0 ? bins - 1 : bins;
  for (let k = 0; k < bins; k++) {
    const oneSided = k > 0 && k < lastDoubled ? 2 : 1;
    power[k] = (power[k]! * scale * oneSided) / segments;
  }
  const freqs = new Float64Array(bins);
  for (let k = 0; k < bins; k++) freqs[k] = (k * sfreq) / nperseg;
  return { freqs, power, segments };
}
