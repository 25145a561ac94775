/**
 * The default preprocessing spec: channel space, relative band power; the
 * other families and the spatial filter are there with their defaults,
 * switched off (originalFeatureSetSpec() switches them on). Where each value
 * comes from is in docs/preprocessing.md: sovaharmony's chain (60 Hz line, 1–50 Hz FIR, PREP's
 * bad channels and robust average reference with pyprep's defaults, 5 s epochs, norm-True Huber at 20 Hz, its 8 bands), MNE's defaults for the
 * filters, EEGLAB's for epoch rejection; neuroHarmonize's ComBat (site, age,
 * sex) for harmonization.
 */
import { defaultHarmonization } from '../harmonize/options';
import type { PreprocessingSpec } from './spec-schema';

export function defaultSpec(): PreprocessingSpec {
  return {
    version: 1,
    steps: [
      { name: 'pick_eeg', enabled: true, params: { honourBadChannels: true, upperCaseNames: true } },
      { name: 'resample', enabled: false, params: { sfreq: 250 } },
      { name: 'line_noise', enabled: true, params: { defaultFrequency: 60, harmonicsUpTo: 'passband', transBandwidth: 1 } },
      { name: 'bandpass', enabled: true, params: { lFreq: 1, hFreq: 50 } },
      {
        name: 'bad_channels',
        enabled: true,
        params: { flatUv: 1e-9, deviationZ: 5, hfNoiseZ: 5, correlationThreshold: 0.4, correlationWindowSeconds: 1, correlationBadFraction: 0.01, interpolate: true },
      },
      { name: 'average_reference', enabled: true, params: { method: 'robust', maxIterations: 4 } },
      { name: 'ica', enabled: false, params: { algorithm: 'parallel', nComponents: null, fun: 'logcosh', alpha: 1, tol: 1e-4, maxIter: 1000, seed: 0 } },
      { name: 'wica', enabled: false, params: { epochSeconds: 5, k: 4, wavelet: 'db6', mode: 'periodization', maxLevel: 6 } },
      {
        name: 'epochs',
        enabled: true,
        params: {
          lengthSeconds: 5,
          minEpochs: 6,
          rejection: {
            amplitude: { enabled: true, minUv: -100, maxUv: 100 },
            trend: { enabled: true, maxSlopeUv: 50, minR2: 0.3 },
            kurtosis: { enabled: true, localSd: 5, globalSd: 5 },
            spectrum: {
              enabled: true,
              windows: [
                { loHz: 0, hiHz: 2, minDb: -50, maxDb: 50 },
                { loHz: 20, hiHz: 40, minDb: -100, maxDb: 25 },
              ],
            },
          },
        },
      },
      { name: 'huber_normalization', enabled: true, params: { lowpassHz: 20 } },
      { name: 'spatial_filter', enabled: false, params: { filter: '58x25', maxMissingFraction: 0 } },
    ],
    bands: [
      { name: 'Delta', lo: 1.5, hi: 6 },
      { name: 'Theta', lo: 6, hi: 8.5 },
      { name: 'Alpha-1', lo: 8.5, hi: 10.5 },
      { name: 'Alpha-2', lo: 10.5, hi: 12.5 },
      { name: 'Beta1', lo: 12.5, hi: 18.5 },
      { name: 'Beta2', lo: 18.5, hi: 21 },
      { name: 'Beta3', lo: 21, hi: 30 },
      { name: 'Gamma', lo: 30, hi: 45 },
    ],
    features: [
      { name: 'power', enabled: true, params: { window: 'hann', segmentSeconds: 2, overlap: 0.5 } },
      { name: 'entropy', enabled: false, params: { dimension: 3 } },
      { name: 'coherence', enabled: false, params: { window: 'hann', segmentSeconds: 3, pairs: 'mean' } },
      { name: 'sl', enabled: false, params: { lag: 4, dimension: 3, w1: 16, w2: 215, pref: 0.05, pairs: 'mean' } },
      {
        name: 'crossfreq',
        enabled: false,
        params: {
          method: 'tort_mi',
          bins: 18,
          pairs: [
            { phase: 'Delta', amplitude: 'Gamma' },
            { phase: 'Theta', amplitude: 'Gamma' },
          ],
        },
      },
    ],
    harmonization: defaultHarmonization(),
  };
}

/**
 * The original platform's feature set: components of the 58x25 filter, and
 * power, entropy, coherence and synchronization likelihood per component and
 * band, plus cross-frequency coupling. Needs recordings with the filter's 58
 * channels: as the original ran it on its own 58-channel data, none may be
 * missing (maxMissingFraction 0), so a 10-20 recording is refused with the
 * channels it lacks rather than given components from a third of the filter.
 */
export function originalFeatureSetSpec(): PreprocessingSpec {
  const spec = defaultSpec();
  for (const s of spec.steps) if (s.name === 'spatial_filter') s.enabled = true;
  for (const f of spec.features) f.enabled = true;
  return spec;
}

/** Named specs for `neuroops features --preset NAME`, in the order --help lists them. */
export const SPEC_PRESETS = {
  default: { spec: defaultSpec, summary: 'the default: channel space, relative band power, PREP' },
  original: {
    spec: originalFeatureSetSpec,
    summary: "the original platform's features: 58x25 components × 8 bands × power, entropy, coherence, SL, plus cross-frequency; needs the filter's 58 channels",
  },
} as const;

export type SpecPresetName = keyof typeof SPEC_PRESETS;

export function isSpecPreset(name: string): name is SpecPresetName {
  return Object.hasOwn(SPEC_PRESETS, name);
}
