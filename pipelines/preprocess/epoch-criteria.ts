/**
 * EEGLAB-style epoch rejection criteria, each returning the epochs it rejects
 * (indices into `starts`):
 * - amplitude (pop_eegthresh): any sample of any channel outside [min, max] µV;
 * - trend (pop_rejtrend): a channel's least-squares line changes by more than
 *   maxSlope µV over the epoch and fits with R² above minR2;
 * - kurtosis (pop_rejkurt): the kurtosis of a channel in an epoch, z-scored
 *   over the epochs of that channel (local), or the kurtosis of all channels of
 *   an epoch together, z-scored over epochs (global), beyond the thresholds;
 * - spectrum (pop_rejspec): the epoch's Welch spectrum in dB (Hann segments of
 *   the largest power of two ≤ 1 s, half overlap) minus the channel's mean over
 *   epochs leaves [minDb, maxDb] anywhere inside a window.
 */
import { hann, welch } from '../dsp';

type Data = readonly Float32Array[];

export function amplitudeRejects(data: Data, starts: number[], len: number, minUv: number, maxUv: number): Set<number> {
  const out = new Set<number>();
  starts.forEach((s, e) => {
    for (const x of data) {
      for (let i = s; i < s + len; i++) {
        const v = x[i]!;
        if (v < minUv || v > maxUv) {
          out.add(e);
          return;
        }
      }
    }
  });
  return out;
}

export function trendRejects(data: Data, starts: number[], len: number, maxSlopeUv: number, minR2: number): Set<number> {
  const out = new Set<number>();
  const tMean = (len - 1) / 2;
  let stt = 0;
  for (let i = 0; i < len; i++) stt += (i - tMean) ** 2;
  starts.forEach((s, e) => {
    for (const x of data) {
      let mean = 0;
      for (let i = 0; i < len; i++) mean += x[s + i]!;
      mean /= len;
      let sxt = 0;
      let sxx = 0;
      for (let i = 0; i < len; i++) {
        const d = x[s + i]! - mean;
        sxt += d * (i - tMean);
        sxx += d * d;
      }
      const slope = sxt / stt;
      const r2 = sxx > 0 ? (sxt * sxt) / (stt * sxx) : 0;
      if (Math.abs(slope * (len - 1)) > maxSlopeUv && r2 > minR2) {
        out.add(e);
        return;
      }
    }
  });
  return out;
}

/** Excess kurtosis m4/m2² − 3 (0 for a constant). */
function kurtosis(x: Float32Array, start: number, len: number): { m2: number; m4: number } {
  let mean = 0;
  for (let i = start; i < start + len; i++) mean += x[i]!;
  mean /= len;
  let m2 = 0;
  let m4 = 0;
  for (let i = start; i < start + len; i++) {
    const d2 = (x[i]! - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { m2: m2 / len, m4: m4 / len };
}

function zScores(values: number[]): number[] {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(n - 1, 1));
  return values.map((v) => (sd > 0 ? (v - mean) / sd : 0));
}

export function kurtosisRejects(data: Data, starts: number[], len: number, localSd: number, globalSd: number): Set<number> {
  const out = new Set<number>();
  const excess = ({ m2, m4 }: { m2: number; m4: number }): number => (m2 > 0 ? m4 / (m2 * m2) - 3 : 0);
  const moments = data.map((x) => starts.map((s) => kurtosis(x, s, len)));
  for (const perEpoch of moments) {
    zScores(perEpoch.map(excess)).forEach((v, e) => Math.abs(v) > localSd && out.add(e));
  }
  // Global: moments pooled over the channels' samples, each channel about its own mean.
  const global = starts.map((_, e) => {
    let m2 = 0;
    let m4 = 0;
    for (const perEpoch of moments) {
      m2 += perEpoch[e]!.m2;
      m4 += perEpoch[e]!.m4;
    }
    return excess({ m2: m2 / data.length, m4: m4 / data.length });
  });
  zScores(global).forEach((v, e) => Math.abs(v) > globalSd && out.add(e));
  return out;
}

export interface SpectrumWindow {
  loHz: number;
  hiHz: number;
  minDb: number;
  maxDb: number;
}

export function spectrumRejects(data: Data, starts: number[], len: number, sfreq: number, windows: readonly SpectrumWindow[]): Set<number> {
  const out = new Set<number>();
  if (windows.length === 0 || starts.length === 0) return out;
  let nperseg = 1;
  while (nperseg * 2 <= Math.min(sfreq, len)) nperseg *= 2;
  let bins: Array<{ k: number; inside: SpectrumWindow[] }> | null = null;
  // One window for every epoch, and no bins above the highest window's edge.
  const options = { sfreq, nperseg, noverlap: nperseg / 2, window: hann(nperseg, false), maxHz: Math.max(...windows.map((w) => w.hiHz)) };
  for (const x of data) {
    const spectra = starts.map((s) => welch(x.subarray(s, s + len), options));
    // The frequencies inside some window, found once: the other bins are never looked at.
    bins ??= Array.from(spectra[0]!.freqs, (f, k) => ({ k, inside: windows.filter((w) => f >= w.loHz && f <= w.hiHz) })).filter((b) => b.inside.length > 0);
    for (const { k, inside } of bins) {
      const db = spectra.map((p) => 10 * Math.log10(Math.max(p.power[k]!, 1e-30)));
      const mean = db.reduce((a, d) => a + d, 0) / db.length;
      db.forEach((d, e) => {
        const rel = d - mean;
        if (inside.some((w) => rel < w.minDb || rel > w.maxDb)) out.add(e);
      });
    }
  }
  return out;
}
