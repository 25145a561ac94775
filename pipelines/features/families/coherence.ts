/**
 * Magnitude-squared coherence as `scipy.signal.coherence(x, y, fs,
 * window='hann', nperseg)` with scipy's other defaults: periodic Hann
 * segments overlapping by nperseg // 2, each segment's mean removed,
 * nfft = nperseg, Cxy = |Pxy|² / (Pxx·Pyy) with the cross and auto spectra
 * averaged over segments (their common scaling cancels).
 *
 * The `coherence` family follows sovaharmony's get_coherence: the kept epochs
 * concatenated, segments of `segmentSeconds`, then Cxy averaged over the
 * frequencies of each band (lo ≤ f < hi, the project's band convention;
 * sovaharmony took both edges). Columns by the spec's pair set (pairs.ts).
 */
import { dftPlan, hann } from '../../dsp';
import { PipelineError } from '../../errors';
import type { SpecBand } from '../../preprocess/spec';
import type { EegState } from '../../preprocess/types';
import { checkBandsBelowNyquist, keptEpochs } from './band-epochs';
import { pairColumns, spaceMajor } from './pairs';
import type { PairSet } from './pairs';

/** Per signal, the windowed segments' DFT bins k in [kLo, kHi), segment-major: [seg][k - kLo] as re, im. */
interface SegmentSpectra {
  re: Float64Array[];
  im: Float64Array[];
  segments: number;
  bins: number;
}

export function segmentSpectra(signals: ReadonlyArray<ArrayLike<number>>, nperseg: number, noverlap: number, kLo: number, kHi: number): SegmentSpectra {
  const n = signals[0]?.length ?? 0;
  const step = nperseg - noverlap;
  const segments = n >= nperseg ? Math.floor((n - nperseg) / step) + 1 : 0;
  const bins = kHi - kLo;
  const win = hann(nperseg, false);
  const plan = dftPlan(nperseg);
  const bufRe = new Float64Array(nperseg);
  const bufIm = new Float64Array(nperseg);
  const out: SegmentSpectra = { re: [], im: [], segments, bins };
  for (const x of signals) {
    const re = new Float64Array(segments * bins);
    const im = new Float64Array(segments * bins);
    for (let s = 0; s < segments; s++) {
      const start = s * step;
      let mean = 0;
      for (let i = 0; i < nperseg; i++) mean += x[start + i]!;
      mean /= nperseg;
      for (let i = 0; i < nperseg; i++) bufRe[i] = (x[start + i]! - mean) * win[i]!;
      bufIm.fill(0);
      plan.forward(bufRe, bufIm);
      re.set(bufRe.subarray(kLo, kHi), s * bins);
      im.set(bufIm.subarray(kLo, kHi), s * bins);
    }
    out.re.push(re);
    out.im.push(im);
  }
  return out;
}

/** Cxy for bins [0, bins) of signals a and b of the spectra. */
export function coherenceOf(sp: SegmentSpectra, a: number, b: number): Float64Array {
  const { bins, segments } = sp;
  const [ar, ai, br, bi] = [sp.re[a]!, sp.im[a]!, sp.re[b]!, sp.im[b]!];
  const cxy = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    let sxxr = 0;
    let syy = 0;
    let pr = 0;
    let pi = 0;
    for (let s = 0; s < segments; s++) {
      const o = s * bins + k;
      const xr = ar[o]!;
      const xi = ai[o]!;
      const yr = br[o]!;
      const yi = bi[o]!;
      sxxr += xr * xr + xi * xi;
      syy += yr * yr + yi * yi;
      // X · conj(Y)
      pr += xr * yr + xi * yi;
      pi += xi * yr - xr * yi;
    }
    cxy[k] = (pr * pr + pi * pi) / (sxxr * syy);
  }
  return cxy;
}

/** scipy.signal.coherence(x, y, fs, 'hann', nperseg) with noverlap = nperseg // 2 by default. */
export function coherence(x: ArrayLike<number>, y: ArrayLike<number>, fs: number, nperseg: number, noverlap = Math.floor(nperseg / 2)): { freqs: Float64Array; cxy: Float64Array } {
  const bins = Math.floor(nperseg / 2) + 1;
  const cxy = coherenceOf(segmentSpectra([x, y], nperseg, noverlap, 0, bins), 0, 1);
  return { freqs: Float64Array.from({ length: bins }, (_, k) => (k * fs) / nperseg), cxy };
}

function concatenateKept(state: EegState): Float64Array[] {
  const { starts, length } = keptEpochs(state, 'coherence');
  return state.data.map((x) => {
    const out = new Float64Array(starts.length * length);
    starts.forEach((s, e) => out.set(x.subarray(s, s + length), e * length));
    return out;
  });
}

export function coherenceFeatures(state: EegState, bands: readonly SpecBand[], params: { segmentSeconds: number; pairs: PairSet }, label: string): Map<string, number> {
  const { sfreq } = state;
  checkBandsBelowNyquist(bands, sfreq, label);
  const nperseg = Math.floor(params.segmentSeconds * sfreq);
  const signals = concatenateKept(state);
  if ((signals[0]?.length ?? 0) < nperseg) {
    throw new PipelineError('RECORDING_TOO_SHORT', `${label}: coherence needs at least one ${params.segmentSeconds} s segment of kept epochs.`);
  }
  const last = Math.floor(nperseg / 2) + 1;
  // The first bin at or above f, comparing frequencies as the power family does.
  const firstBin = (f: number): number => {
    let k = 0;
    while (k < last && (k * sfreq) / nperseg < f) k++;
    return k;
  };
  const binsOf = bands.map((b) => ({ lo: firstBin(b.lo), hi: firstBin(b.hi) }));
  binsOf.forEach((b, bi) => {
    if (b.hi <= b.lo) throw new PipelineError('BAND_TOO_NARROW', `${label}: the band ${bands[bi]!.name} holds no frequency of the ${params.segmentSeconds} s coherence segments.`);
  });
  const kLo = Math.min(...binsOf.map((b) => b.lo));
  const kHi = Math.max(...binsOf.map((b) => b.hi));
  const spectra = segmentSpectra(signals, nperseg, Math.floor(nperseg / 2), kLo, kHi);
  const n = signals.length;
  // cxy per pair (i < j), then each band's mean over its bins.
  const perBand = bands.map(() => new Float64Array(n * n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const cxy = coherenceOf(spectra, i, j);
      binsOf.forEach((b, bi) => {
        let sum = 0;
        for (let k = b.lo; k < b.hi; k++) sum += cxy[k - kLo]!;
        perBand[bi]![i * n + j] = sum / (b.hi - b.lo);
      });
    }
  }
  return spaceMajor(bands.map((b, bi) => pairColumns('coherence', b.name, state.channels, params.pairs, (i, j) => perBand[bi]![i * n + j]!, label)));
}
