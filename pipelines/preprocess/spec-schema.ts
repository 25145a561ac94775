/**
 * The preprocessing spec's schema (zod). One object per step, told apart by
 * `name`; each carries `enabled` and its own `params`. A new step (ICA, wICA,
 * a spatial filter, bad-channel detection) is one more member of the union and
 * one more name in STEP_ORDER; a new feature family is one more member of
 * `familySchema`. Every key is documented in docs/preprocessing.md.
 */
import { z } from 'zod';
import { harmonizationSchema } from '../harmonize/options';

const positive = z.number().positive();

function step<N extends string, P extends z.ZodRawShape>(name: N, params: P) {
  return z.strictObject({ name: z.literal(name), enabled: z.boolean(), params: z.strictObject(params) });
}

export const pickEegStep = step('pick_eeg', {
  honourBadChannels: z.boolean(),
  upperCaseNames: z.boolean(),
});

export const resampleStep = step('resample', {
  sfreq: positive,
});

export const lineNoiseStep = step('line_noise', {
  defaultFrequency: positive,
  harmonicsUpTo: z.enum(['passband', 'nyquist']),
  transBandwidth: positive,
});

export const bandpassStep = step('bandpass', {
  lFreq: positive,
  hFreq: positive,
});

export const badChannelsStep = step('bad_channels', {
  flatUv: positive,
  deviationZ: positive,
  hfNoiseZ: positive,
  correlationThreshold: z.number().min(0).max(1),
  correlationWindowSeconds: positive,
  correlationBadFraction: z.number().min(0).lt(1),
  interpolate: z.boolean(),
});

export const averageReferenceStep = step('average_reference', {
  method: z.enum(['average', 'robust']),
  /** Rounds of PREP's robust reference estimate (method 'robust'); specs written before it leave it out. */
  maxIterations: z.number().int().positive().optional(),
});

export const icaStep = step('ica', {
  algorithm: z.enum(['parallel', 'deflation']),
  /** null: the data's rank (an average reference removes one dimension). */
  nComponents: z.number().int().positive().nullable(),
  fun: z.literal('logcosh'),
  alpha: z.number().min(1).max(2),
  tol: positive,
  maxIter: z.number().int().positive(),
  seed: z.number().int().min(0).max(4294967295),
});

export const wicaStep = step('wica', {
  epochSeconds: positive,
  k: positive,
  wavelet: z.literal('db6'),
  mode: z.literal('periodization'),
  maxLevel: z.number().int().min(1).max(12),
});

const spectrumWindow = z.strictObject({ loHz: z.number().nonnegative(), hiHz: positive, minDb: z.number(), maxDb: z.number() });

export const epochsStep = step('epochs', {
  lengthSeconds: positive,
  minEpochs: z.number().int().positive(),
  rejection: z.strictObject({
    amplitude: z.strictObject({ enabled: z.boolean(), minUv: z.number(), maxUv: z.number() }),
    trend: z.strictObject({ enabled: z.boolean(), maxSlopeUv: positive, minR2: z.number().min(0).max(1) }),
    kurtosis: z.strictObject({ enabled: z.boolean(), localSd: positive, globalSd: positive }),
    spectrum: z.strictObject({ enabled: z.boolean(), windows: z.array(spectrumWindow) }),
  }),
});

export const huberNormalizationStep = step('huber_normalization', {
  lowpassHz: positive,
});

/** sovaharmony's filters shipped in resources/spatial-filters/ (components × channels). */
export const SPATIAL_FILTER_NAMES = ['58x25', '54x10'] as const;

export const spatialFilterStep = step('spatial_filter', {
  filter: z.enum(SPATIAL_FILTER_NAMES),
  /** Share of the filter's channels a recording may lack (0: every one is required). */
  maxMissingFraction: z.number().min(0).lt(1),
});

export const stepSchema = z.discriminatedUnion('name', [
  pickEegStep,
  resampleStep,
  lineNoiseStep,
  bandpassStep,
  badChannelsStep,
  averageReferenceStep,
  icaStep,
  wicaStep,
  epochsStep,
  huberNormalizationStep,
  spatialFilterStep,
]);

/** The order steps must keep (sovaharmony's); a spec may leave steps out, not reorder them. */
export const STEP_ORDER = ['pick_eeg', 'resample', 'line_noise', 'bandpass', 'bad_channels', 'average_reference', 'ica', 'wica', 'epochs', 'huber_normalization', 'spatial_filter'] as const;

export const bandSchema = z.strictObject({ name: z.string().regex(/^[A-Za-z0-9-]+$/), lo: z.number().nonnegative(), hi: positive });

export const powerFamily = z.strictObject({
  name: z.literal('power'),
  enabled: z.boolean(),
  params: z.strictObject({
    window: z.literal('hann'),
    segmentSeconds: positive,
    overlap: z.number().min(0).lt(1),
  }),
});

/** A family has a step's shape: {name, enabled, params}. */
const family = step;

const spaceName = z.string().min(1);
/** Which pairs of channels/components a pairwise family reports (pipelines/features/families/pairs.ts). */
const pairSet = z.union([z.enum(['mean', 'all']), z.array(z.tuple([spaceName, spaceName])).min(1)]);

export const entropyFamily = family('entropy', {
  dimension: z.number().int().min(2).max(7),
});

export const coherenceFamily = family('coherence', {
  window: z.literal('hann'),
  segmentSeconds: positive,
  pairs: pairSet,
});

export const slFamily = family('sl', {
  lag: z.number().int().positive(),
  dimension: z.number().int().min(2),
  w1: z.number().int().nonnegative(),
  w2: z.number().int().positive(),
  pref: z.number().positive().lt(1),
  pairs: pairSet,
});

export const crossfreqFamily = family('crossfreq', {
  method: z.literal('tort_mi'),
  bins: z.number().int().min(2),
  pairs: z.array(z.strictObject({ phase: z.string(), amplitude: z.string() })).min(1),
});

export const familySchema = z.discriminatedUnion('name', [powerFamily, entropyFamily, coherenceFamily, slFamily, crossfreqFamily]);

export const specSchema = z.strictObject({
  version: z.literal(1),
  steps: z.array(stepSchema),
  bands: z.array(bandSchema).min(1),
  features: z.array(familySchema).min(1),
  /** ComBat across sites, when asked for (docs/harmonization.md); absent means the defaults. */
  harmonization: harmonizationSchema.optional(),
});

export type PreprocessingSpec = z.infer<typeof specSchema>;
export type SpecStep = z.infer<typeof stepSchema>;
export type StepName = SpecStep['name'];
export type StepOf<N extends StepName> = Extract<SpecStep, { name: N }>;
export type SpecBand = z.infer<typeof bandSchema>;
export type FeatureFamily = z.infer<typeof familySchema>;
