/**
 * Mapping a sample range at the header's rate onto each channel's own rate,
 * shared by every reader so that multi-rate files behave alike.
 */
import { PipelineError } from '../errors';
import type { RecordingHeader } from './types';

/**
 * Checks [start, end) against the recording and the channel indices; returns
 * the channels to read (all, in order, when none are given).
 */
export function checkRange(header: RecordingHeader, start: number, end: number, channels?: number[]): number[] {
  const n = header.sampleCount;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > n) {
    throw new PipelineError(
      'OUT_OF_RANGE',
      `${header.path}: sample range ${start}:${end} is outside the recording (0:${n}, end exclusive)`,
    );
  }
  const picks = channels ?? header.channels.map((_, i) => i);
  for (const c of picks) {
    if (!Number.isInteger(c) || c < 0 || c >= header.channels.length) {
      throw new PipelineError('OUT_OF_RANGE', `${header.path}: channel index ${c} does not exist (the file has ${header.channels.length})`);
    }
  }
  return picks;
}

/**
 * The channel's samples that cover the time span of [start, end) at `rate`.
 * Equal rates map one to one; a slower channel gets every sample whose time
 * lies in the span.
 */
export function channelSpan(start: number, end: number, rate: number, channelRate: number, channelCount: number): [number, number] {
  if (channelRate === rate) return [start, end];
  const r = channelRate / rate;
  return [Math.min(channelCount, Math.ceil(start * r - 1e-9)), Math.min(channelCount, Math.ceil(end * r - 1e-9))];
}
