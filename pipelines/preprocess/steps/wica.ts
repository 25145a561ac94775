/**
 * Step 6b: wICA (sovawica's removeStrongArtifacts_wden, pipelines/artifacts/wica.ts)
 * on the ica step's components, cut into epochs of `epochSeconds`; what it
 * removes from the components is projected back and taken out of the channels.
 * The report counts the components touched and the epochs they were touched in.
 */
import { PipelineError } from '../../errors';
import { wicaBackProjected } from '../../artifacts/remove-artifacts';
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

export function wica(state: EegState, step: StepOf<'wica'>, label: string): StepResult {
  const { epochSeconds, k, maxLevel } = step.params;
  if (!state.ica) throw new PipelineError('INVALID_SPEC', `${label}: wica needs the ica step's components; enable "ica" before it.`);
  const epochLength = Math.round(epochSeconds * state.sfreq);
  if (epochLength < 2) throw new PipelineError('INVALID_SPEC', `${label}: wica epochs of ${epochSeconds} s hold fewer than 2 samples at ${state.sfreq} Hz.`);
  const result = wicaBackProjected(state.data, state.ica, { epochLength, k, maxLevel });
  return {
    state,
    report: {
      step: 'wica',
      summary: `wICA (k = ${k}, db6): ${result.componentsTouched} of ${state.ica.nComponents} components cleaned, in ${result.epochsTouched} of ${result.epochs} epochs of ${epochSeconds} s`,
      details: {
        componentsTouched: result.componentsTouched,
        components: state.ica.nComponents,
        epochsTouched: result.epochsTouched,
        epochs: result.epochs,
        pairsTouched: result.pairsTouched,
        touchedPerComponent: result.touched.map((row) => row.filter(Boolean).length),
      },
    },
  };
}
