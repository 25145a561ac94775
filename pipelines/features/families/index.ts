/**
 * One enabled feature family of the spec on the chain's final state
 * (channels, or components after the spatial filter): its columns, in order.
 * Column names follow sovaharmony: {family}_{space}_{Band}
 * (docs/features.md).
 */
import type { FeatureFamily, SpecBand } from '../../preprocess/spec';
import type { EegState } from '../../preprocess/types';
import { relativeBandPower } from '../power';
import { coherenceFeatures } from './coherence';
import { crossfreqFeatures } from './phase-amplitude-coupling';
import { entropyFeatures } from './permutation-entropy';
import { slFeatures } from './synchronization-likelihood';

export function familyFeatures(state: EegState, bands: readonly SpecBand[], family: FeatureFamily, label: string): Map<string, number> {
  switch (family.name) {
    case 'power':
      return relativeBandPower(state, bands, family.params, label);
    case 'entropy':
      return entropyFeatures(state, bands, family.params, label);
    case 'coherence':
      return coherenceFeatures(state, bands, family.params, label);
    case 'sl':
      return slFeatures(state, bands, family.params, label);
    case 'crossfreq':
      return crossfreqFeatures(state, bands, family.params, label);
  }
}
