/** Step 4: zero-phase FIR band-pass with MNE's automatic firwin/Hamming rules, applied by overlap-add. */
import { designBandFilter } from '../../dsp';
import type { StepOf } from '../spec';
import type { EegState, FilterDesign } from '../types';

export function designBandpass(state: EegState, step: StepOf<'bandpass'>): FilterDesign {
  const filter = designBandFilter(state.sfreq, step.params.lFreq, step.params.hFreq);
  return {
    taps: filter.taps,
    report: { step: 'bandpass', summary: filter.description, details: { lFreq: step.params.lFreq, hFreq: step.params.hFreq, taps: filter.taps.length } },
  };
}
