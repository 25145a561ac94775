/**
 * Phase-amplitude coupling by Tort's modulation index (Tort et al. 2010,
 * J Neurophysiol 104:1195): the phase of the low band and the amplitude
 * envelope of the high band (both from the analytic signal of the
 * band-filtered epoch, as scipy.signal.hilbert makes it), the phase cut into
 * N equal bins over [−π, π), the mean amplitude in each bin normalised to a
 * distribution P, and MI = (log N − H(P)) / log N: 0 when the amplitude does
 * not depend on the phase, up to 1 when it is all in one bin.
 *
 * The `crossfreq` family: for each of the spec's (phase band, amplitude band)
 * pairs, on each channel or component, the bins pooled over the kept epochs.
 * Columns: crossfreq_{S}_{PhaseBand}-{AmplitudeBand}.
 */
import { dftPlan } from '../../dsp';
import { PipelineError } from '../../errors';
import type { SpecBand } from '../../preprocess/spec';
import type { EegState } from '../../preprocess/types';
import { bandTaps, checkBandsBelowNyquist, filteredEpochs, keptEpochs } from './band-epochs';

/** The analytic signal of x (scipy.signal.hilbert): FFT, keep DC (and Nyquist), double the positive frequencies, drop the negative ones, inverse FFT. */
export function analyticSignal(x: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const plan = dftPlan(n);
  const re = Float64Array.from(x);
  const im = new Float64Array(n);
  plan.forward(re, im);
  const half = Math.floor(n / 2);
  for (let k = 1; k < n; k++) {
    const g = n % 2 === 0 ? (k < half ? 2 : k === half ? 1 : 0) : k < (n + 1) / 2 ? 2 : 0;
    re[k] = re[k]! * g;
    im[k] = im[k]! * g;
  }
  // Inverse DFT as the conjugate of the forward DFT of the conjugate, over n.
  for (let k = 0; k < n; k++) im[k] = -im[k]!;
  plan.forward(re, im);
  for (let k = 0; k < n; k++) {
    re[k] = re[k]! / n;
    im[k] = -im[k]! / n;
  }
  return { re, im };
}

/** Running per-bin sums of the amplitude and counts, pooled over epochs. */
export class PhaseAmplitudeBins {
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  constructor(readonly bins: number) {
    this.sums = new Float64Array(bins);
    this.counts = new Float64Array(bins);
  }

  add(phaseSignal: ArrayLike<number>, amplitudeSignal: ArrayLike<number>): void {
    const p = analyticSignal(phaseSignal);
    const a = analyticSignal(amplitudeSignal);
    const width = (2 * Math.PI) / this.bins;
    for (let i = 0; i < p.re.length; i++) {
      const phase = Math.atan2(p.im[i]!, p.re[i]!);
      const bin = Math.min(this.bins - 1, Math.floor((phase + Math.PI) / width));
      this.sums[bin] = this.sums[bin]! + Math.hypot(a.re[i]!, a.im[i]!);
      this.counts[bin] = this.counts[bin]! + 1;
    }
  }

  modulationIndex(): number {
    const means = Array.from(this.sums, (s, b) => (this.counts[b]! > 0 ? s / this.counts[b]! : 0));
    const total = means.reduce((a, b) => a + b, 0);
    if (!(total > 0)) return NaN;
    let h = 0;
    for (const m of means) if (m > 0) h -= (m / total) * Math.log(m / total);
    return (Math.log(this.bins) - h) / Math.log(this.bins);
  }
}

export interface CrossfreqParams {
  pairs: Array<{ phase: string; amplitude: string }>;
  bins: number;
}

export function crossfreqFeatures(state: EegState, bands: readonly SpecBand[], params: CrossfreqParams, label: string): Map<string, number> {
  const byName = new Map(bands.map((b) => [b.name, b]));
  const band = (name: string): SpecBand => {
    const b = byName.get(name);
    if (!b) throw new PipelineError('INVALID_SPEC', `Preprocessing spec: the crossfreq pair names the band "${name}", which is not among the spec's bands.`);
    return b;
  };
  const used = [...new Set(params.pairs.flatMap((p) => [p.phase, p.amplitude]))].map(band);
  checkBandsBelowNyquist(used, state.sfreq, label);
  const epochs = keptEpochs(state, 'crossfreq');
  const taps = new Map(used.map((b) => [b.name, bandTaps(state.sfreq, b)]));
  const columns = new Map<string, number>();
  state.data.forEach((x, c) => {
    // One channel at a time, each band filtered once for all the pairs that use it.
    const filtered = new Map(used.map((b) => [b.name, filteredEpochs(x, epochs, taps.get(b.name)!)]));
    for (const { phase, amplitude } of params.pairs) {
      const acc = new PhaseAmplitudeBins(params.bins);
      const ph = filtered.get(phase)!;
      const am = filtered.get(amplitude)!;
      ph.forEach((e, i) => acc.add(e, am[i]!));
      columns.set(`crossfreq_${state.channels[c]}_${phase}-${amplitude}`, acc.modulationIndex());
    }
  });
  return columns;
}
