/**
 * Step 6: cut consecutive fixed-length epochs from the start (as MNE's
 * make_fixed_length_epochs; a last partial epoch is dropped) and reject the
 * bad ones by the spec's criteria. Too short a recording, or too few epochs
 * left, is an error for that recording: it never yields features.
 */
import { PipelineError } from '../../errors';
import { amplitudeRejects, kurtosisRejects, spectrumRejects, trendRejects } from '../epoch-criteria';
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

export function epochs(state: EegState, step: StepOf<'epochs'>, label: string): StepResult {
  const { lengthSeconds, minEpochs, rejection } = step.params;
  const len = Math.round(lengthSeconds * state.sfreq);
  const n = state.data[0]?.length ?? 0;
  const total = Math.floor(n / len);
  const seconds = n / state.sfreq;
  if (total < minEpochs) {
    throw new PipelineError(
      'RECORDING_TOO_SHORT',
      `${label}: ${seconds.toFixed(1)} s of EEG holds ${total} epochs of ${lengthSeconds} s; the spec needs at least ${minEpochs}.`,
    );
  }
  const starts = Array.from({ length: total }, (_, e) => e * len);
  const { data, sfreq } = state;
  const sets = {
    amplitude: rejection.amplitude.enabled ? amplitudeRejects(data, starts, len, rejection.amplitude.minUv, rejection.amplitude.maxUv) : new Set<number>(),
    trend: rejection.trend.enabled ? trendRejects(data, starts, len, rejection.trend.maxSlopeUv, rejection.trend.minR2) : new Set<number>(),
    kurtosis: rejection.kurtosis.enabled ? kurtosisRejects(data, starts, len, rejection.kurtosis.localSd, rejection.kurtosis.globalSd) : new Set<number>(),
    spectrum: rejection.spectrum.enabled ? spectrumRejects(data, starts, len, sfreq, rejection.spectrum.windows) : new Set<number>(),
  };
  const kept = starts.filter((_, e) => !Object.values(sets).some((s) => s.has(e)));
  const rejected = { amplitude: sets.amplitude.size, trend: sets.trend.size, kurtosis: sets.kurtosis.size, spectrum: sets.spectrum.size };
  const why = Object.entries(rejected)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (kept.length < minEpochs) {
    throw new PipelineError(
      'TOO_FEW_EPOCHS',
      `${label}: ${kept.length} of ${total} epochs of ${lengthSeconds} s are clean (rejected by ${why || 'nothing'}); the spec needs at least ${minEpochs}.`,
    );
  }
  return {
    state: { ...state, epochs: { length: len, kept, total, rejected } },
    report: {
      step: 'epochs',
      summary: `${kept.length} of ${total} epochs of ${lengthSeconds} s kept${why ? ` (rejected by ${why})` : ''}`,
      details: { total, kept: kept.length, rejected, secondsKept: (kept.length * len) / sfreq },
    },
  };
}
