/**
 * PREP's bad-channel detection (Bigdely-Shamlo et al. 2015, with pyprep's
 * NoisyChannels defaults), on continuous EEG in µV. Each criterion is a robust
 * comparison of one channel with the others:
 * - nan / flat: a non-finite sample, or a MAD or standard deviation below
 *   `flatUv` (PREP: 1e-15 V);
 * - deviation: the channel's robust amplitude (IQR·0.7413) z-scored against
 *   the channels' median and IQR-based spread, |z| > `deviationZ`;
 * - hf_noise: MAD of (signal − its < 50 Hz part) over MAD of that part,
 *   z-scored by median and MAD·1.4826, z > `hfNoiseZ` (above 100 Hz sampling only);
 * - correlation: in consecutive `correlationWindowSeconds` windows of the
 *   < 50 Hz part, the 98th percentile (MATLAB's) of a channel's absolute
 *   correlations with the others; windows where it is below
 *   `correlationThreshold` are bad, and a channel with more than
 *   `correlationBadFraction` of its windows bad is bad;
 * - dropout: more than `correlationBadFraction` of windows whose < 50 Hz part is flat (MAD < `flatUv`);
 * - snr: bad by both hf_noise and correlation.
 * Flat and NaN channels are set aside first, so they cannot distort the others' statistics.
 * PREP's RANSAC criterion (and pyprep's own PSD criterion) are not implemented.
 */
import { prepLowpass } from './hf-lowpass';
import { madBelow, madOf, matlabIqr, medianOf } from './order-statistics';
import { correlationWindows } from './window-correlations';
import type { WindowGram } from './window-correlations';

export interface DetectionParams {
  flatUv: number;
  deviationZ: number;
  hfNoiseZ: number;
  correlationThreshold: number;
  correlationWindowSeconds: number;
  correlationBadFraction: number;
}

export type BadReason = 'nan' | 'flat' | 'deviation' | 'hf_noise' | 'correlation' | 'dropout' | 'snr';

export interface Detection {
  /** Channels by criterion, each in channel order. */
  by: Record<BadReason, string[]>;
  /** The union of all criteria, in channel order. */
  bad: string[];
  /** Per channel (NaN for channels set aside): robust z of amplitude and of HF noise, fraction of low-correlation windows. */
  deviationZ: number[];
  hfNoiseZ: number[];
  badCorrelationFraction: number[];
}

const IQR_TO_SD = 0.7413;
const MAD_TO_SD = 1.4826;

/**
 * What the robust reference shares between its detections on re-referenced
 * versions of one signal (data = signal − reference):
 * - `lowpassed`: prepLowpass of `data` (all channels, in order); the low-pass
 *   being linear, it filters the signal once and each reference once;
 * - `gram`: the correlation windows' cross-products of the low-passed signal,
 *   with `reference` low-passed (null when data is the signal itself).
 */
export interface SharedDetection {
  lowpassed: readonly Float32Array[];
  gram?: { gram: WindowGram; reference: Float64Array | null };
  /** The robust reference's first detection only needs the unusable channels (NaN, flat, low SNR): no deviation criterion. */
  unusableOnly?: boolean;
}

export function detectBadChannels(
  data: readonly Float32Array[],
  channels: readonly string[],
  sfreq: number,
  params: DetectionParams,
  shared?: SharedDetection,
): Detection {
  const lowpassed = shared?.lowpassed;
  const nCh = channels.length;
  const n = data[0]?.length ?? 0;
  // For the statistics across channels; those of whole channels need none (order-statistics.ts).
  const scratch = new Float64Array(nCh);
  const spreads = data.map(standardDeviation);
  const isNan = spreads.map((sd) => Number.isNaN(sd));
  const isFlat = data.map((x, c) => !isNan[c] && (spreads[c]! < params.flatUv || madBelow(x, params.flatUv, scratch)));
  const usable = channels.map((_, c) => !isNan[c] && !isFlat[c]);
  const usableIdx = channels.flatMap((_, c) => (usable[c] ? [c] : []));
  const raw = usableIdx.map((c) => data[c]!);

  const deviationZ = new Array<number>(nCh).fill(NaN);
  if (!shared?.unusableOnly) {
    const amplitudes = raw.map((x) => matlabIqr(x, scratch) * IQR_TO_SD);
    const ampCentre = medianOf(amplitudes, scratch);
    const ampSpread = matlabIqr(amplitudes, scratch) * IQR_TO_SD;
    usableIdx.forEach((c, k) => (deviationZ[c] = robustZ(amplitudes[k]!, ampCentre, ampSpread)));
  }

  const low = lowpassed ? usableIdx.map((c) => lowpassed[c]!) : prepLowpass(raw, sfreq);
  const hfNoiseZ = new Array<number>(nCh).fill(NaN);
  if (sfreq > 100) {
    // In float32 like the channels themselves: their own rounding (~1e-6 µV here) outweighs
    // the residual's, and every order statistic then runs on one kind of array.
    const residual = new Float32Array(n);
    const noisiness = raw.map((x, k) => {
      const l = low[k]!;
      for (let i = 0; i < n; i++) residual[i] = x[i]! - l[i]!;
      return madOf(residual, scratch) / madOf(l, scratch);
    });
    const centre = medianOf(noisiness, scratch);
    const spread = madOf(noisiness, scratch) * MAD_TO_SD;
    usableIdx.forEach((c, k) => (hfNoiseZ[c] = robustZ(noisiness[k]!, centre, spread)));
  } else {
    usableIdx.forEach((c) => (hfNoiseZ[c] = 0));
  }

  const view = shared?.gram && { ...shared.gram, channels: usableIdx };
  const windows = correlationWindows(low, Math.trunc(params.correlationWindowSeconds * sfreq), params.correlationThreshold, params.flatUv, view);
  const badCorrelationFraction = new Array<number>(nCh).fill(NaN);
  const dropoutFraction = new Array<number>(nCh).fill(0);
  usableIdx.forEach((c, k) => {
    badCorrelationFraction[c] = windows.lowCorrelation[k]! / Math.max(windows.count, 1);
    dropoutFraction[c] = windows.dropout[k]! / Math.max(windows.count, 1);
  });

  const pick = (test: (c: number) => boolean) => channels.filter((_, c) => test(c));
  const byHf = (c: number) => usable[c]! && (Number.isNaN(hfNoiseZ[c]!) || hfNoiseZ[c]! > params.hfNoiseZ);
  const byCorr = (c: number) => usable[c]! && badCorrelationFraction[c]! > params.correlationBadFraction;
  const by: Record<BadReason, string[]> = {
    nan: pick((c) => isNan[c]!),
    flat: pick((c) => isFlat[c]!),
    deviation: shared?.unusableOnly ? [] : pick((c) => usable[c]! && (Number.isNaN(deviationZ[c]!) || Math.abs(deviationZ[c]!) > params.deviationZ)),
    hf_noise: pick(byHf),
    correlation: pick(byCorr),
    dropout: pick((c) => usable[c]! && dropoutFraction[c]! > params.correlationBadFraction),
    snr: pick((c) => byHf(c) && byCorr(c)),
  };
  const union = new Set(Object.values(by).flat());
  return { by, bad: channels.filter((ch) => union.has(ch)), deviationZ, hfNoiseZ, badCorrelationFraction };
}

/**
 * (value − centre) / spread. A zero spread (every channel alike) flags nobody
 * rather than everybody: PREP would divide by zero and call every channel bad.
 */
function robustZ(value: number, centre: number, spread: number): number {
  if (spread > 0) return (value - centre) / spread;
  return value === centre ? 0 : Infinity * Math.sign(value - centre);
}

/**
 * The population standard deviation in one pass, NaN if any value is not finite
 * (sums of float32 values cannot overflow a double, so they are finite exactly
 * when every value is). The sums are of the values less the first one, so a flat
 * or nearly flat channel does not lose its spread to cancellation.
 */
function standardDeviation(x: Float32Array): number {
  const n = x.length;
  if (n === 0) return 0;
  const x0 = x[0]!;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - x0;
    s1 += d;
    s2 += d * d;
  }
  if (!Number.isFinite(s1) || !Number.isFinite(s2)) return NaN;
  const mean = s1 / n;
  return Math.sqrt(Math.max(s2 / n - mean * mean, 0));
}
