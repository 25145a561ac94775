/**
 * The kept epochs of each channel, band-pass filtered one epoch at a time, as
 * sovaharmony does with `mne.Epochs.filter(fmin, fmax)`: MNE's automatic
 * firwin/Hamming FIR, zero phase, each epoch padded on its own
 * (reflect_limited). Families that work "on the band-filtered signal"
 * (entropy, synchronization likelihood, cross-frequency) start here.
 */
import { designBandFilter, filterZeroPhase } from '../../dsp';
import { PipelineError } from '../../errors';
import type { SpecBand } from '../../preprocess/spec';
import type { EegState } from '../../preprocess/types';

/** The kept epochs' start samples and length; throws when the chain made none. */
export function keptEpochs(state: EegState, family: string): { starts: number[]; length: number } {
  const { epochs } = state;
  if (!epochs) throw new PipelineError('INVALID_SPEC', `The ${family} family needs epochs.`);
  return { starts: epochs.kept, length: epochs.length };
}

export function checkBandsBelowNyquist(bands: readonly Pick<SpecBand, 'name' | 'hi'>[], sfreq: number, label: string): void {
  for (const b of bands) {
    if (b.hi >= sfreq / 2) {
      throw new PipelineError('BAND_ABOVE_NYQUIST', `${label}: the band ${b.name} (up to ${b.hi} Hz) is not below the Nyquist frequency (${sfreq / 2} Hz) of this recording.`);
    }
  }
}

/** MNE's automatic FIR for a band (a low-pass when it starts at 0 Hz). */
export function bandTaps(sfreq: number, band: SpecBand): Float64Array {
  return designBandFilter(sfreq, band.lo > 0 ? band.lo : null, band.hi).taps;
}

/** One filtered copy of each kept epoch of one channel. */
export function filteredEpochs(x: Float32Array, epochs: { starts: readonly number[]; length: number }, taps: Float64Array): Float64Array[] {
  const copies = epochs.starts.map((s) => Float64Array.from(x.subarray(s, s + epochs.length)));
  filterZeroPhase(copies, taps);
  return copies;
}

/** For each channel, one filtered copy (Float64Array) per kept epoch. */
export function bandFilteredEpochs(state: EegState, band: SpecBand, family: string): Float64Array[][] {
  const epochs = keptEpochs(state, family);
  const taps = bandTaps(state.sfreq, band);
  return state.data.map((x) => filteredEpochs(x, epochs, taps));
}
