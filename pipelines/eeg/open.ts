/**
 * Entry points: pick the reader from the file extension (any case), read a
 * header cheaply, or read a whole recording into memory.
 */
import { extname } from 'node:path';
import { PipelineError } from '../errors';
import { openBrainVision } from './brainvision/reader';
import { openEdf } from './edf/reader';
import { openEeglab } from './eeglab/reader';
import type { Recording, RecordingHeader, RecordingReader } from './types';

export const RECORDING_EXTENSIONS = ['.edf', '.bdf', '.vhdr', '.set'] as const;

export function isRecordingPath(path: string): boolean {
  return (RECORDING_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** Opens a recording; the caller must `close()` the reader. */
export async function openRecording(path: string): Promise<RecordingReader> {
  switch (extname(path).toLowerCase()) {
    case '.edf':
    case '.bdf':
      return openEdf(path);
    case '.vhdr':
      return openBrainVision(path);
    case '.set':
      return openEeglab(path);
    default:
      throw new PipelineError(
        'UNSUPPORTED_FORMAT',
        `${path}: not a recording this app reads (expected ${RECORDING_EXTENSIONS.join(', ')}, any case)`,
      );
  }
}

async function withReader<T>(path: string, fn: (r: RecordingReader) => Promise<T>): Promise<T> {
  const reader = await openRecording(path);
  try {
    return await fn(reader);
  } finally {
    await reader.close();
  }
}

/** Header, channels and annotations, without the samples. */
export function readHeader(path: string): Promise<RecordingHeader> {
  return withReader(path, async (r) => r.header);
}

/** Every channel's samples for [startSec, endSec) of recorded time (at the header's rate). */
export function readTimeRange(path: string, startSec: number, endSec: number, channels?: number[]) {
  return withReader(path, (r) => {
    const rate = r.header.samplingRate;
    const clamp = (s: number) => Math.max(0, Math.min(r.header.sampleCount, Math.round(s * rate)));
    return r.readSamples(clamp(startSec), clamp(endSec), channels);
  });
}

/** The whole recording in memory (Float32, µV for voltage channels). */
export function readRecording(path: string): Promise<Recording> {
  return withReader(path, async (r) => {
    const { data } = await r.readSamples(0, r.header.sampleCount);
    return { ...r.header, data };
  });
}
