/** A Recording held in memory (no file), for tests that run the chain on made-up signals. */
import type { Recording } from '../../pipelines/eeg/types';

export function recordingOf(channels: ReadonlyArray<[name: string, type: string]>, data: Float32Array[], sfreq: number): Recording {
  const n = data[0]?.length ?? 0;
  return {
    format: 'EDF',
    path: 'x.edf',
    channels: channels.map(([name, type]) => ({ name, type, unit: 'µV', fileUnit: 'uV', samplingRate: sfreq, sampleCount: n })),
    samplingRate: sfreq,
    sampleCount: n,
    duration: n / sfreq,
    startTime: null,
    annotations: [],
    segments: [{ startSample: 0, sampleCount: n, onset: 0 }],
    gaps: [],
    details: {},
    data,
  };
}
