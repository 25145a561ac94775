/**
 * Features of one BIDS recording under a spec: read it, run the chain, and
 * return either its features and quality or the error that stopped it. Never
 * throws for a bad recording, so the others still finish.
 */
import { join } from 'node:path';
import { isPipelineError } from '../errors';
import { readRecording } from '../eeg/open';
import { readElectrodes } from '../eeg/montage';
import type { BidsRecording, Finding } from '../eeg/bids';
import { runChain } from '../preprocess/run-chain';
import type { ChainProgress, ChainQuality } from '../preprocess/run-chain';
import type { PreprocessingSpec } from '../preprocess/spec';
import type { StepReport } from '../preprocess/types';

export interface RecordingKey {
  path: string;
  subject: string;
  session: string | null;
  task: string | null;
  run: string | null;
}

export interface RecordingSuccess extends RecordingKey {
  ok: true;
  channels: string[];
  sfreq: number;
  /** Column → value, in column order. */
  features: Array<[string, number]>;
  quality: ChainQuality;
  reports: StepReport[];
}

export interface RecordingFailure extends RecordingKey {
  ok: false;
  error: { code: string; message: string };
}

export type RecordingOutcome = RecordingSuccess | RecordingFailure;

export function recordingKey(r: BidsRecording): RecordingKey {
  return { path: r.path, subject: r.subject, session: r.session, task: r.task, run: r.run };
}

/** Plain data (structured-clone and JSON safe) for a worker to send back. */
export async function recordingFeatures(
  root: string,
  r: BidsRecording,
  spec: PreprocessingSpec,
  progress?: ChainProgress,
  findings: readonly Finding[] = [],
): Promise<RecordingOutcome> {
  const key = recordingKey(r);
  if (!r.usable) {
    const why = findings.filter((f) => f.severity === 'error' && (f.recordings ?? [f.recording]).includes(r.path)).map((f) => `${f.message} [${f.rule}]`);
    const message = `${r.path}: not usable, the BIDS check found ${why.length ? why.join('; ') : 'errors against it'}.`;
    return { ...key, ok: false, error: { code: 'RECORDING_NOT_USABLE', message } };
  }
  try {
    const recording = await readRecording(join(root, r.path));
    const electrodes = await readElectrodes(root, r.sidecarFiles.electrodes, r.sidecarFiles.coordsystem);
    const result = runChain({ recording, channelsTsv: r.channels, powerLineFrequency: r.powerLineFrequency, label: r.path, electrodes }, spec, progress);
    return { ...key, ok: true, channels: result.channels, sfreq: result.sfreq, features: [...result.features], quality: result.quality, reports: result.reports };
  } catch (e) {
    if (isPipelineError(e)) return { ...key, ok: false, error: { code: e.code, message: e.message } };
    return { ...key, ok: false, error: { code: 'INTERNAL_ERROR', message: `${r.path}: ${(e as Error).message}` } };
  }
}
