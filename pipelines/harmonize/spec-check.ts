/**
 * Harmonization parameters belong to the features they were fitted on. The
 * link is the hash of the preprocessing spec without its harmonization
 * options: those say how ComBat runs (an unknown site refused or passed), not
 * what the features are, so changing them keeps the parameters usable.
 */
import { PipelineError } from '../errors';
import { specHash, type PreprocessingSpec } from '../preprocess/spec';
import type { CombatParams } from './params';

export function featureSpecHash(spec: PreprocessingSpec): string {
  const { harmonization: _options, ...features } = spec;
  return specHash(features);
}

/** Refuses parameters fitted on features made by another spec (when both sides know their spec). */
export function checkSameFeatures(params: CombatParams, spec: PreprocessingSpec | null | undefined, source: string): void {
  if (!spec || params.featureSpecHash === null) return;
  const hash = featureSpecHash(spec);
  if (hash !== params.featureSpecHash) {
    throw new PipelineError(
      'SPEC_MISMATCH',
      `${source} was fitted on features made by another preprocessing spec (${params.featureSpecHash}; these come from ${hash}). ` +
        'Compute the features with the spec the harmonization was fitted on, or fit it again.',
    );
  }
}
