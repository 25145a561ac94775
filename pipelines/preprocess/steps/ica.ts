/**
 * Step 6a: FastICA of the continuous channels (scikit-learn's algorithm, see
 * pipelines/artifacts/fastica.ts). The data do not change here: the
 * decomposition is kept for the wica step, which cleans the components and
 * takes what it removed out of the channels.
 */
import { PipelineError } from '../../errors';
import { fastIca } from '../../artifacts/fastica';
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

export function ica(state: EegState, step: StepOf<'ica'>, label: string): StepResult {
  const { algorithm, nComponents, alpha, tol, maxIter, seed } = step.params;
  if (nComponents !== null && nComponents > state.channels.length) {
    throw new PipelineError('INVALID_SPEC', `${label}: ica asks for ${nComponents} components but the recording has ${state.channels.length} channels.`);
  }
  let fit;
  try {
    fit = fastIca(state.data, { algorithm, nComponents, alpha, tol, maxIter, seed });
  } catch (e) {
    if (e instanceof PipelineError) throw new PipelineError(e.code, `${label}: ${e.message}`);
    throw e;
  }
  const convergence = fit.converged ? `converged in ${fit.nIter} iterations` : `did not converge in ${maxIter} iterations (tol ${tol}); raise maxIter or tol`;
  return {
    state: { ...state, ica: fit },
    report: {
      step: 'ica',
      summary: `FastICA (${algorithm}, logcosh): ${fit.nComponents} components of ${state.channels.length} channels, ${convergence}`,
      details: { algorithm, components: fit.nComponents, channels: state.channels.length, iterations: fit.nIter, converged: fit.converged, seed },
    },
  };
}
