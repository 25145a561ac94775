/**
 * Step 7: Huber normalization, sovaharmony's `norm-True` variant: low-pass a
 * copy at the spec's frequency (MNE's automatic FIR rules), take each
 * channel's MAD-std over the kept epochs, take the Huber location k of those,
 * and divide the data by k.
 */
import { PipelineError } from '../../errors';
import { designBandFilter, filterZeroPhase } from '../../dsp';
import { huber, huberLocation, madStd, median } from '../robust';
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

/**
 * Channels low-passed together: one filter spectrum and FFT plan serve the group
 * (per channel, setting them up cost more than the filtering), while the copies
 * stay a few channels' worth rather than the whole recording's.
 */
const CHANNELS_PER_PASS = 8;

export function huberNormalization(state: EegState, step: StepOf<'huber_normalization'>, label: string): StepResult {
  const { lowpassHz } = step.params;
  const lowpass = designBandFilter(state.sfreq, null, lowpassHz);
  const epochs = state.epochs;
  const spread = (x: Float64Array): number => {
    if (!epochs) return madStd(x);
    const kept = new Float64Array(epochs.kept.length * epochs.length);
    epochs.kept.forEach((s, e) => kept.set(x.subarray(s, s + epochs.length), e * epochs.length));
    return madStd(kept);
  };
  const stds: number[] = [];
  for (let g = 0; g < state.data.length; g += CHANNELS_PER_PASS) {
    const copies = state.data.slice(g, g + CHANNELS_PER_PASS).map((x) => Float64Array.from(x));
    filterZeroPhase(copies, lowpass.taps);
    for (const copy of copies) stds.push(spread(copy));
  }
  // statsmodels' joint Huber estimate first (sovaharmony's); where it cannot
  // converge (channels in two clusters of spread), the location M-estimate
  // with the scale held at the MAD, which always has an answer here.
  const joint = stds.length > 1 ? huber(stds) : null;
  const method = joint ? 'Huber location and scale' : 'Huber location at MAD scale';
  const k = joint?.location ?? (stds.length > 1 ? huberLocation(stds) : stds[0]) ?? median(stds);
  if (!(k > 0) || !Number.isFinite(k)) {
    throw new PipelineError('FLAT_SIGNAL', `${label}: the EEG is flat after low-pass at ${lowpassHz} Hz, so it cannot be normalized.`);
  }
  for (const x of state.data) for (let i = 0; i < x.length; i++) x[i] = x[i]! / k;
  return {
    state: { ...state, scale: state.scale * k },
    report: { step: 'huber_normalization', summary: `divided by k = ${k.toPrecision(6)} µV (${method} of ${stds.length} channels' MAD-std)`, details: { k, method, lowpassHz } },
  };
}
