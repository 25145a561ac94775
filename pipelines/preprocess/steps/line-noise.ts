/**
 * Step 3: notch the line frequency and its harmonics (MNE notch_filter,
 * method 'fir'). The line frequency is the sidecar's PowerLineFrequency, else
 * the spec's default. With harmonicsUpTo='passband' a harmonic is notched only
 * below the band-pass's upper stop edge (past it the band-pass removes it);
 * with 'nyquist', every harmonic whose notch fits below Nyquist.
 */
import { autoHighTransition, designNotchFilter } from '../../dsp';
import type { StepOf } from '../spec';
import type { EegState, FilterDesign } from '../types';

export function lineHarmonics(line: number, sfreq: number, transBandwidth: number, upTo: number): number[] {
  const out: number[] = [];
  for (let f = line; f + f / 400 + transBandwidth / 2 <= sfreq / 2 && f < upTo; f += line) out.push(f);
  return out;
}

/** The notch filter (null when no harmonic needs one) and the step's report. */
export function designLineNoise(
  state: EegState,
  step: StepOf<'line_noise'>,
  sidecarLine: number | null,
  bandpassHigh: number | null,
): FilterDesign {
  const line = sidecarLine ?? step.params.defaultFrequency;
  const source = sidecarLine === null ? 'spec default' : 'PowerLineFrequency';
  const upTo =
    step.params.harmonicsUpTo === 'passband' && bandpassHigh !== null ? bandpassHigh + autoHighTransition(bandpassHigh, state.sfreq) : Infinity;
  const freqs = lineHarmonics(line, state.sfreq, step.params.transBandwidth, upTo);
  if (freqs.length === 0) {
    return {
      taps: null,
      report: { step: 'line_noise', summary: `${line} Hz (${source}): no harmonic inside the band kept, nothing to notch`, details: { line, source, freqs } },
    };
  }
  const filter = designNotchFilter(state.sfreq, freqs, step.params.transBandwidth);
  return {
    taps: filter.taps,
    report: { step: 'line_noise', summary: `${line} Hz (${source}): ${filter.description}`, details: { line, source, freqs, taps: filter.taps.length } },
  };
}
