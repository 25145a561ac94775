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
import { madBelow, madOf, matlabIqr, matlabQuantile, medianOf } from './order-statistics';

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
 * `lowpassed`, when given, is prepLowpass of `data` (all channels, in order):
 * the robust reference detects on many re-referenced versions of one signal,
 * and the low-pass being linear it filters the signal once and each reference once.
 */
export function detectBadChannels(
  data: readonly Float32Array[],
  channels: readonly string[],
  sfreq: number,
  params: DetectionParams,
  lowpassed?: readonly Float32Array[],
): Detection {
  const nCh = channels.length;
  const n = data[0]?.length ?? 0;
  const scratch = new Float64Array(Math.max(n, nCh));
  const means = data.map(meanOf);
  // A sum of float32 values cannot overflow a double: it is finite exactly when every value is.
  const isNan = means.map((m) => !Number.isFinite(m));
  const isFlat = data.map((x, c) => !isNan[c] && (std(x, means[c]!) < params.flatUv || madBelow(x, params.flatUv, scratch)));
  const usable = channels.map((_, c) => !isNan[c] && !isFlat[c]);
  const usableIdx = channels.flatMap((_, c) => (usable[c] ? [c] : []));
  const raw = usableIdx.map((c) => data[c]!);

  const deviationZ = new Array<number>(nCh).fill(NaN);
  const amplitudes = raw.map((x) => matlabIqr(x, scratch) * IQR_TO_SD);
  const ampCentre = medianOf(amplitudes, scratch);
  const ampSpread = matlabIqr(amplitudes, scratch) * IQR_TO_SD;
  usableIdx.forEach((c, k) => (deviationZ[c] = robustZ(amplitudes[k]!, ampCentre, ampSpread)));

  const low = lowpassed ? usableIdx.map((c) => lowpassed[c]!) : prepLowpass(raw, sfreq);
  const hfNoiseZ = new Array<number>(nCh).fill(NaN);
  if (sfreq > 100) {
    const residual = new Float64Array(n);
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

  const windows = correlationWindows(low, Math.trunc(params.correlationWindowSeconds * sfreq), params.correlationThreshold, params.flatUv);
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
    deviation: pick((c) => usable[c]! && (Number.isNaN(deviationZ[c]!) || Math.abs(deviationZ[c]!) > params.deviationZ)),
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

function meanOf(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]!;
  return sum / (x.length || 1);
}

function std(x: Float32Array, mean: number): number {
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - mean) ** 2;
  return Math.sqrt(ss / (x.length || 1));
}

/**
 * Per channel: how many windows have a maximum correlation below the
 * threshold, and how many are flat. Windows start at 0 and do not overlap;
 * as in PREP, their count is that of offsets 1, 1 + w, … below n − w.
 */
function correlationWindows(low: readonly Float32Array[], w: number, threshold: number, flatUv: number) {
  const nCh = low.length;
  const n = low[0]?.length ?? 0;
  const count = w > 0 ? Math.max(Math.ceil((n - w - 1) / w), 0) : 0;
  const lowCorrelation = new Int32Array(nCh);
  const dropout = new Int32Array(nCh);
  const centred = new Float64Array(nCh * w);
  const norms = new Float64Array(nCh);
  const corr = new Float64Array(nCh * nCh);
  const column = new Float64Array(nCh);
  const scratch = new Float64Array(Math.max(w, nCh));
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
      let mean = 0;
      for (let i = 0; i < w; i++) mean += seg[i]!;
      mean /= w;
      let ss = 0;
      const row = live.length * w;
      for (let i = 0; i < w; i++) {
        const v = seg[i]! - mean;
        centred[row + i] = v;
        ss += v * v;
      }
      norms[live.length] = Math.sqrt(ss);
      live.push(c);
    }
    const m = live.length;
    absoluteCorrelations(centred, norms, m, w, corr);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) column[b] = corr[b * m + a]!;
      if (matlabQuantile(column.subarray(0, m), 0.98, scratch) < threshold) lowCorrelation[live[a]!] = lowCorrelation[live[a]!]! + 1;
    }
  }
  return { count, lowCorrelation, dropout };
}

/**
 * |r| between every pair of the m centred rows (length w) of `centred`, into
 * corr (m × m, zero diagonal as PREP has it). Each row a is multiplied with
 * four rows b at a time, so a's samples are loaded once for four products.
 */
function absoluteCorrelations(centred: Float64Array, norms: Float64Array, m: number, w: number, corr: Float64Array): void {
  const put = (a: number, b: number, s: number) => {
    const r = Math.abs(s / (norms[a]! * norms[b]!));
    corr[a * m + b] = r;
    corr[b * m + a] = r;
  };
  for (let a = 0; a < m; a++) {
    corr[a * m + a] = 0;
    const ra = a * w;
    let b = a + 1;
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
