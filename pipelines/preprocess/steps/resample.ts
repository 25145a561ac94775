/** Step 2: resample every channel by scipy's resample_poly rule (when the rate differs). */
import { resampleFactors, resamplePlan, resamplePoly } from '../../dsp';
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

export function resample(state: EegState, step: StepOf<'resample'>): StepResult {
  const target = step.params.sfreq;
  if (target === state.sfreq) {
    return { state, report: { step: 'resample', summary: `already at ${target} Hz`, details: { from: state.sfreq, to: target } } };
  }
  const { up, down } = resampleFactors(state.sfreq, target);
  const plan = resamplePlan(up, down);
  const data = state.data.map((x) => Float32Array.from(resamplePoly(x, plan)));
  return {
    state: { ...state, sfreq: target, data },
    report: { step: 'resample', summary: `${state.sfreq} Hz → ${target} Hz (up ${plan.up}, down ${plan.down})`, details: { from: state.sfreq, to: target, up: plan.up, down: plan.down } },
  };
}
