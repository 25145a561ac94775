/** Step 4: zero-phase FIR band-pass with MNE's automatic firwin/Hamming rules, applied by overlap-add. */
import { designBandFilter, filterZeroPhase } from '../../dsp';
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

export function bandpass(state: EegState, step: StepOf<'bandpass'>): StepResult {
  const filter = designBandFilter(state.sfreq, step.params.lFreq, step.params.hFreq);
  filterZeroPhase(state.data, filter.taps);
  return {
    state,
    report: { step: 'bandpass', summary: filter.description, details: { lFreq: step.params.lFreq, hFreq: step.params.hFreq, taps: filter.taps.length } },
  };
}
