/**
 * Interpolating bad channels in place, as MNE 1.3's
 * `raw.interpolate_bads(origin='auto')` does for EEG: the head-sphere origin is
 * fitted to every channel's position (good and bad, as MNE fits its
 * digitization), then each bad channel becomes the spherical-spline
 * combination of the good ones.
 */
import { PipelineError } from '../../errors';
import type { Xyz } from '../../eeg/montage';
import { fitHeadSphere } from './sphere-fit';
import { applyInterpolation, interpolationMatrix } from './spherical-spline';

export interface InterpolationReport {
  origin: Xyz;
  radius: number;
  interpolated: string[];
}

export function interpolateBadChannels(
  data: Float32Array[],
  channels: readonly string[],
  positions: ReadonlyArray<Xyz | null>,
  bad: ReadonlySet<string>,
  label: string,
): InterpolationReport {
  const badIdx = channels.flatMap((c, i) => (bad.has(c) ? [i] : []));
  const goodIdx = channels.flatMap((c, i) => (bad.has(c) ? [] : [i]));
  const unplaced = badIdx.filter((i) => !positions[i]).map((i) => channels[i]!);
  if (unplaced.length > 0) {
    throw new PipelineError('NO_ELECTRODE_POSITION', `${label}: bad channel${unplaced.length > 1 ? 's' : ''} ${unplaced.join(', ')} cannot be interpolated: no position in electrodes.tsv or among the standard 10-05 names. Rename the channel, add electrodes.tsv, or turn interpolation off in the spec.`);
  }
  const placedGood = goodIdx.filter((i) => positions[i]);
  if (badIdx.length === 0) return { origin: [0, 0, 0], radius: 0, interpolated: [] };
  if (placedGood.length < 3) {
    throw new PipelineError('TOO_MANY_BAD_CHANNELS', `${label}: ${badIdx.length} of ${channels.length} channels are bad and only ${placedGood.length} good ones have a position; at least 3 are needed to interpolate.`);
  }
  const placed = positions.filter((p): p is Xyz => p !== null);
  const { origin, radius } = fitHeadSphere(placed);
  const matrix = interpolationMatrix(placedGood.map((i) => positions[i]!), badIdx.map((i) => positions[i]!), origin);
  applyInterpolation(data, placedGood, badIdx, matrix);
  return { origin, radius, interpolated: badIdx.map((i) => channels[i]!) };
}
