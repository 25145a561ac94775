/**
 * Step: PREP-like bad-channel detection, then spherical-spline interpolation
 * of the channels found (pipelines/preprocess/bad-channels/). When the
 * average reference that follows is PREP's robust one, detection and
 * interpolation happen inside it (on re-referenced data, as PREP does), and
 * this step only hands over its thresholds.
 */
import { channelPositions } from '../../eeg/montage';
import { detectBadChannels } from '../bad-channels/detect';
import type { Detection } from '../bad-channels/detect';
import { interpolateBadChannels } from '../bad-channels/interpolate';
import type { StepOf } from '../spec';
import type { EegState, RecordingContext, StepReport, StepResult } from '../types';

export function badChannels(state: EegState, step: StepOf<'bad_channels'>, ctx: RecordingContext, deferToRobustReference: boolean): StepResult {
  if (deferToRobustReference) {
    return { state, report: { step: 'bad_channels', summary: 'detection and interpolation run inside the robust average reference', details: { deferred: true } } };
  }
  const found = detectBadChannels(state.data, state.channels, state.sfreq, step.params);
  let interpolated: string[] = [];
  let positionsFrom: string | null = null;
  if (step.params.interpolate && found.bad.length > 0) {
    const positions = channelPositions(state.channels, ctx.electrodes);
    positionsFrom = positions.source;
    interpolated = interpolateBadChannels(state.data, state.channels, positions.positions, new Set(found.bad), ctx.label).interpolated;
  }
  return { state, report: detectionReport(found, interpolated, positionsFrom) };
}

/** The report both this step and the robust reference give: what was found, by which criterion, and what was interpolated. */
export function detectionReport(found: Detection, interpolated: string[], positionsFrom: string | null, extra: Record<string, unknown> = {}): StepReport {
  const reasons = Object.entries(found.by).filter(([, chs]) => chs.length > 0).map(([why, chs]) => `${why}: ${chs.join(', ')}`);
  return {
    step: 'bad_channels',
    summary: found.bad.length
      ? `${found.bad.length} bad (${reasons.join('; ')})${interpolated.length ? `; interpolated ${interpolated.join(', ')} from ${positionsFrom} positions` : ''}`
      : 'no bad channel found',
    details: { bad: found.bad, by: found.by, interpolated, positionsFrom, ...extra },
  };
}
