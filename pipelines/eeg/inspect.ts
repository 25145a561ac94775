/**
 * `neuroops inspect PATH [--json] [--data START:END]`: what a recording file,
 * a BIDS folder or a zipped BIDS dataset holds. `inspectPath` returns a plain
 * JSON-able report (NaN becomes null); `formatInspectReport` renders it as
 * text for a terminal.
 */
import { stat } from 'node:fs/promises';
import { PipelineError } from '../errors';
import { loadBidsDataset } from './bids/dataset';
import type { Finding } from './bids/findings';
import { isRecordingPath, openRecording } from './open';
import type { Annotation, Gap, ReaderWarning, RecordingFormat, RecordingHeader, Segment } from './types';

export interface InspectOptions {
  /** Sample indices [start, end) at the recording's rate; adds physical values (µV for voltages). */
  dataRange?: [number, number];
}

export interface RecordingReport {
  kind: 'recording';
  path: string;
  format: RecordingFormat;
  samplingRate: number;
  sampleCount: number;
  duration: number;
  startTime: string | null;
  channels: Array<{ name: string; type: string; unit: string; samplingRate: number; sampleCount: number }>;
  annotations: Array<{ onset: number; duration: number | null; text: string }>;
  segments: Segment[];
  gaps: Gap[];
  /** What the reader accepted although the file bends its format's rules. */
  warnings: ReaderWarning[];
  data?: {
    start: number;
    end: number;
    channels: Array<{ name: string; unit: string; firstSample: number; values: Array<number | null> }>;
  };
}

export interface DatasetReport {
  kind: 'dataset';
  path: string;
  source: 'folder' | 'zip';
  name: string;
  bidsVersion: string;
  subjects: Array<{ id: string; sessions: string[]; participant: Record<string, string> | null }>;
  sessions: Array<{ subject: string; session: string }>;
  recordings: Array<{
    path: string; subject: string; session: string | null; task: string | null; acq: string | null; run: string | null;
    format: string | null; samplingRate: number | null; sampleCount: number | null; duration: number | null;
    channelCount: number | null; badChannels: string[]; eventCount: number;
    powerLineFrequency: number | null; eegReference: string | null; usable: boolean;
  }>;
  findings: Finding[];
  summary: { recordings: number; usable: number; errors: number; warnings: number };
}

export type InspectReport = RecordingReport | DatasetReport;

export async function inspectPath(path: string, options: InspectOptions = {}): Promise<InspectReport> {
  if ((await inspectedKind(path)) === 'dataset') {
    if (options.dataRange) throw dataRangeOnDataset(path);
    return inspectDataset(path);
  }
  return inspectRecording(path, options.dataRange);
}

/** Whether `path` is inspected as a dataset (a folder or a zip) rather than a recording; throws for what is neither. */
export async function inspectedKind(path: string): Promise<'dataset' | 'recording'> {
  const s = await stat(path).catch(() => null);
  if (!s) throw new PipelineError('FILE_NOT_FOUND', `not found: ${path}`);
  if (s.isDirectory() || /\.zip$/i.test(path)) return 'dataset';
  if (!isRecordingPath(path)) {
    throw new PipelineError('UNSUPPORTED_FORMAT', `${path}: expected an EDF, BDF, BrainVision (.vhdr) or EEGLAB (.set) file, a BIDS folder, or a zip`);
  }
  return 'recording';
}

export function dataRangeOnDataset(path: string): PipelineError {
  return new PipelineError('INVALID_ARGUMENT', `--data reads samples from one recording file; ${path} is a dataset`);
}

/** Parses the CLI's `--data START:END` (sample indices, end exclusive). */
export function parseDataRange(text: string): [number, number] {
  const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  const range = m ? ([Number(m[1]), Number(m[2])] as [number, number]) : null;
  if (!range || range[1] <= range[0]) {
    throw new PipelineError('INVALID_ARGUMENT', `--data expects START:END sample indices with END > START (e.g. 0:256), got "${text}"`);
  }
  return range;
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** A recording's report without its samples; `annotations` as given (the header's, or a copy). */
export function recordingReport(path: string, h: RecordingHeader, annotations: RecordingReport['annotations']): RecordingReport {
  return {
    kind: 'recording',
    path,
    format: h.format,
    samplingRate: h.samplingRate,
    sampleCount: h.sampleCount,
    duration: h.duration,
    startTime: h.startTime?.iso ?? null,
    channels: h.channels.map((c) => ({ name: c.name, type: c.type, unit: c.unit, samplingRate: c.samplingRate, sampleCount: c.sampleCount })),
    annotations,
    segments: h.segments,
    gaps: h.gaps,
    warnings: h.warnings ?? [],
  };
}

async function inspectRecording(path: string, range?: [number, number]): Promise<RecordingReport> {
  const reader = await openRecording(path);
  try {
    const h = reader.header;
    const report = recordingReport(path, h, h.annotations.map((a: Annotation) => ({ onset: a.onset, duration: finite(a.duration), text: a.text })));
    if (range) {
      const [start, end] = range;
      const { data, firstSample } = await reader.readSamples(start, end);
      report.data = {
        start,
        end,
        channels: h.channels.map((c, i) => ({
          name: c.name,
          unit: c.unit,
          firstSample: firstSample[i]!,
          values: Array.from(data[i]!, finite),
        })),
      };
    }
    return report;
  } finally {
    await reader.close();
  }
}

export async function inspectDataset(path: string): Promise<DatasetReport> {
  const ds = await loadBidsDataset(path);
  try {
    const participantRow = (id: string) => ds.participants?.rows.find((r) => r['participant_id'] === `sub-${id}` || r['participant_id'] === id) ?? null;
    return {
      kind: 'dataset',
      path,
      source: ds.source.kind,
      name: ds.name,
      bidsVersion: ds.bidsVersion,
      subjects: ds.subjects.map((id) => ({
        id: `sub-${id}`,
        sessions: ds.sessions.filter((s) => s.subject === id).map((s) => `ses-${s.session}`),
        participant: participantRow(id),
      })),
      sessions: ds.sessions,
      recordings: ds.recordings.map((r) => ({
        path: r.path, subject: r.subject, session: r.session, task: r.task, acq: r.acq, run: r.run,
        format: r.format, samplingRate: r.header?.samplingRate ?? null, sampleCount: r.header?.sampleCount ?? null,
        duration: r.header?.duration ?? null, channelCount: r.header?.channelCount ?? null,
        badChannels: r.badChannels, eventCount: r.eventCount,
        powerLineFrequency: r.powerLineFrequency, eegReference: r.eegReference, usable: r.usable,
      })),
      findings: ds.findings,
      summary: {
        recordings: ds.recordings.length,
        usable: ds.recordings.filter((r) => r.usable).length,
        errors: ds.findings.filter((f) => f.severity === 'error').length,
        warnings: ds.findings.filter((f) => f.severity === 'warning').length,
      },
    };
  } finally {
    await ds.dispose();
  }
}

export { formatInspectReport } from './inspect-format';
