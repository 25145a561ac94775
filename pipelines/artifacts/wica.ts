/**
 * Wavelet-enhanced ICA on independent components: sovawica's
 * `removeStrongArtifacts_wden` (GRUNECO/sovawica, after Castellanos & Makarov
 * 2006), on continuous components cut into epochs.
 *
 * For each component Y:
 * - σ = median(|Y|) / 0.6745 over the whole component; a component with no
 *   sample beyond k·σ passes unchanged;
 * - otherwise each epoch holding a sample beyond k·σ is replaced by
 *   Y − artifact, where the artifact is Y's db6 wavelet reconstruction
 *   (periodization, level min(floor(log2 n), maxLevel)) with every detail level
 *   hard-thresholded at sqrt(2·ln(total coefficient count))·median(|d|)/0.6745
 *   and the approximation kept whole (sovawica's thselect/wnoisest/wthresh).
 *
 * A trailing part shorter than an epoch is one more, shorter epoch, so every
 * sample is examined. Checked against scripts/fixtures/make-wica-fixtures.py.
 */
import { wavedec, waverec } from '../dsp/wavelet';
import { medianAbs } from './select-median';

const MAD_TO_SIGMA = 0.6745;

export interface WicaOptions {
  /** Epoch length in samples. */
  epochLength: number;
  /** Tolerance: a component is touched in epochs where |Y| > k·median(|Y|)/0.6745. */
  k: number;
  /** Highest wavelet level (sovawica: 6). */
  maxLevel: number;
}

export interface WicaResult {
  /** touched[c][e]: component c was cleaned in epoch e. */
  touched: boolean[][];
  componentsTouched: number;
  /** Epochs in which at least one component was cleaned. */
  epochsTouched: number;
  /** (component, epoch) pairs cleaned. */
  pairsTouched: number;
  epochs: number;
}

/** A cleaned epoch: the artifact estimate (a fresh array the listener may keep) that was subtracted from component `component` from sample `from`. */
export type ArtifactListener = (component: number, from: number, artifact: Float64Array) => void;

/** Subtracts the wavelet artifact estimate of one epoch from it, in place; returns the estimate. */
export function cleanEpoch(y: Float64Array, maxLevel: number): Float64Array {
  const n = y.length;
  const level = Math.min(Math.floor(Math.log2(n)), maxLevel);
  if (level < 1) return new Float64Array(n);
  const coeffs = wavedec(y, level);
  let total = 0;
  for (const c of coeffs) total += c.length;
  const thr = Math.sqrt(2 * Math.log(total));
  // The finest detail level is the longest.
  const scratch = new Float64Array(coeffs[coeffs.length - 1]!.length);
  for (let l = 1; l < coeffs.length; l++) {
    const d = coeffs[l]!;
    const cut = (thr * medianAbs(d, scratch)) / MAD_TO_SIGMA;
    for (let i = 0; i < d.length; i++) if (!(Math.abs(d[i]!) > cut)) d[i] = 0;
  }
  const artifact = waverec(coeffs).subarray(0, n);
  for (let i = 0; i < n; i++) y[i] = y[i]! - artifact[i]!;
  return artifact;
}

function exceeds(y: ArrayLike<number>, from: number, to: number, thr: number): boolean {
  for (let i = from; i < to; i++) if (Math.abs(y[i]!) > thr) return true;
  return false;
}

/**
 * Cleans the components in place (Float64Array per component, continuous
 * samples); `onArtifact` hears each epoch's subtracted estimate, so a caller can
 * take the same change out of the channels.
 */
export function wicaClean(components: Float64Array[], options: WicaOptions, onArtifact: ArtifactListener = () => {}): WicaResult {
  const { epochLength, k, maxLevel } = options;
  const n = components[0]?.length ?? 0;
  const epochs = Math.ceil(n / epochLength);
  const scratch = new Float64Array(n);
  const touched = components.map(() => new Array<boolean>(epochs).fill(false));
  components.forEach((y, c) => {
    const thr = (k * medianAbs(y, scratch)) / MAD_TO_SIGMA;
    if (!exceeds(y, 0, n, thr)) return;
    for (let e = 0; e < epochs; e++) {
      const from = e * epochLength;
      const to = Math.min(n, from + epochLength);
      if (!exceeds(y, from, to, thr)) continue;
      onArtifact(c, from, cleanEpoch(y.subarray(from, to), maxLevel));
      touched[c]![e] = true;
    }
  });
  let pairsTouched = 0;
  let epochsTouched = 0;
  for (let e = 0; e < epochs; e++) {
    let any = false;
    for (const row of touched) {
      if (!row[e]) continue;
      pairsTouched++;
      any = true;
    }
    if (any) epochsTouched++;
  }
  const componentsTouched = touched.filter((row) => row.some(Boolean)).length;
  return { touched, componentsTouched, epochsTouched, pairsTouched, epochs };
}
