/**
 * Runs a spec's enabled steps in order on one recording, then its feature
 * families. Every step reports; progress is announced before each step so a
 * worker can forward it. Errors are PipelineErrors naming the recording.
 */
import { PipelineError } from '../errors';
import { familyFeatures } from '../features/families';
import { enabledStep } from './spec';
import type { PreprocessingSpec, SpecStep } from './spec';
import type { EegState, FilterDesign, RecordingContext, StepReport, StepResult } from './types';
import { averageReference } from './steps/average-reference';
import { badChannels } from './steps/bad-channels';
import { robustAverageReference } from './steps/robust-reference';
import { designBandpass } from './steps/bandpass';
import { epochs } from './steps/epochs';
import { huberNormalization } from './steps/huber-normalization';
import { ica } from './steps/ica';
import { wica } from './steps/wica';
import { designLineNoise } from './steps/line-noise';
import { filterCascadeZeroPhase } from '../dsp';
import { pickEeg } from './steps/pick-eeg';
import { resample } from './steps/resample';
import { spatialFilter } from './steps/spatial-filter';

export interface ChainResult {
  channels: string[];
  sfreq: number;
  /** Feature columns in order: each enabled family's, e.g. power_{CH}_{Band} for each channel, each band. */
  features: Map<string, number>;
  reports: StepReport[];
  quality: ChainQuality;
}

export interface ChainQuality {
  epochsTotal: number;
  epochsKept: number;
  epochsRejected: number;
  secondsKept: number;
  badChannels: string[];
  /** Channels the bad_channels step (or the robust reference) found and interpolated. */
  interpolatedChannels: string[];
  /** Components wICA cleaned, and the epochs it cleaned them in (null when wica did not run). */
  wicaComponentsTouched: number | null;
  wicaEpochsTouched: number | null;
}

export type ChainProgress = (stage: string, index: number, count: number) => void;

/** The filter of a filtering step, or null for any other step. */
function filterOf(state: EegState, step: SpecStep, ctx: RecordingContext, spec: PreprocessingSpec): FilterDesign | null {
  if (step.name === 'line_noise') return designLineNoise(state, step, ctx.powerLineFrequency, enabledStep(spec, 'bandpass')?.params.hFreq ?? null);
  if (step.name === 'bandpass') return designBandpass(state, step);
  return null;
}

/** PREP's robust reference detects and interpolates with the bad_channels step's thresholds, so it needs that step. */
function robustPair(spec: PreprocessingSpec) {
  const reference = enabledStep(spec, 'average_reference');
  if (reference?.params.method !== 'robust') return null;
  const bad = enabledStep(spec, 'bad_channels');
  if (!bad) {
    throw new PipelineError('INVALID_SPEC', 'Preprocessing spec: average_reference.method "robust" needs the bad_channels step enabled: it detects bad channels with that step\'s thresholds.');
  }
  return bad;
}

function runStep(state: EegState, step: Exclude<SpecStep, { name: 'line_noise' | 'bandpass' }>, ctx: RecordingContext, spec: PreprocessingSpec, reports: StepReport[]): StepResult {
  switch (step.name) {
    case 'pick_eeg':
      return pickEeg(ctx, step);
    case 'resample':
      return resample(state, step);
    case 'bad_channels':
      return badChannels(state, step, ctx, robustPair(spec) !== null);
    case 'average_reference': {
      const bad = step.params.method === 'robust' ? robustPair(spec) : null;
      if (!bad) return averageReference(state, step);
      const { result, detection } = robustAverageReference(state, step, bad, ctx);
      reports.push(detection);
      return result;
    }
    case 'ica':
      return ica(state, step, ctx.label);
    case 'wica':
      return wica(state, step, ctx.label);
    case 'epochs':
      return epochs(state, step, ctx.label);
    case 'huber_normalization':
      return huberNormalization(state, step, ctx.label);
    case 'spatial_filter':
      return spatialFilter(state, step, ctx.label);
  }
}

export function runChain(ctx: RecordingContext, spec: PreprocessingSpec, progress: ChainProgress = () => {}): ChainResult {
  const steps = spec.steps.filter((s) => s.enabled);
  const families = spec.features.filter((f) => f.enabled);
  const count = steps.length + families.length;
  if (steps[0]?.name !== 'pick_eeg') {
    throw new PipelineError('INVALID_SPEC', 'Preprocessing spec: steps: "pick_eeg" must be enabled; the chain starts from the EEG channels.');
  }
  let state: EegState = { sfreq: 0, channels: [], data: [], epochs: null, scale: 1 };
  const reports: StepReport[] = [];
  // Consecutive filtering steps (line noise, band-pass) are designed, then applied
  // together in one pass, exactly as one after the other.
  let pending: Float64Array[] = [];
  const flush = (): void => {
    filterCascadeZeroPhase(state.data, pending);
    pending = [];
  };
  steps.forEach((step, i) => {
    progress(step.name, i, count);
    const filter = filterOf(state, step, ctx, spec);
    if (filter) {
      if (filter.taps) pending.push(filter.taps);
      reports.push(filter.report);
      return;
    }
    flush();
    const result = runStep(state, step as Exclude<SpecStep, { name: 'line_noise' | 'bandpass' }>, ctx, spec, reports);
    state = result.state;
    reports.push(result.report);
  });
  flush();
  const features = new Map<string, number>();
  families.forEach((family, i) => {
    progress(family.name, steps.length + i, count);
    for (const [k, v] of familyFeatures(state, spec.bands, family, ctx.label)) features.set(k, v);
  });
  const ep = state.epochs;
  const badChannels = (reports.find((r) => r.step === 'pick_eeg')?.details.droppedBad as string[] | undefined) ?? [];
  const wicaReport = reports.find((r) => r.step === 'wica')?.details;
  const interpolatedChannels = reports.flatMap((r) => (r.step === 'bad_channels' ? ((r.details.interpolated as string[] | undefined) ?? []) : []));
  return {
    channels: state.channels,
    sfreq: state.sfreq,
    features,
    reports,
    quality: {
      epochsTotal: ep?.total ?? 0,
      epochsKept: ep?.kept.length ?? 0,
      epochsRejected: ep ? ep.total - ep.kept.length : 0,
      secondsKept: ep ? (ep.kept.length * ep.length) / state.sfreq : (state.data[0]?.length ?? 0) / (state.sfreq || 1),
      badChannels,
      wicaComponentsTouched: (wicaReport?.componentsTouched as number | undefined) ?? null,
      wicaEpochsTouched: (wicaReport?.epochsTouched as number | undefined) ?? null,
      interpolatedChannels,
    },
  };
}
