/**
 * The tasks of the `features` flow: scan a BIDS dataset (and hash its
 * recordings), compute one recording's features, assemble and log the table.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { loadBidsDataset } from '../../eeg/bids';
import type { BidsRecording, Finding } from '../../eeg/bids';
import type { Table } from '../../eeg/bids/tsv';
import { recordingFeatures } from '../../features/recording-features';
import type { RecordingOutcome } from '../../features/recording-features';
import { assembleTable, tableToCsv } from '../../features/table';
import type { PreprocessingSpec } from '../../preprocess/spec';
import { defineTask } from '../task';

export interface ScannedRecording {
  recording: BidsRecording;
  /** sha256 of the data file and its companions (.vmrk/.eeg, .fdt), in that order. */
  sha256: string;
  findings: Finding[];
}

export interface ScanResult {
  root: string;
  /** The extracted copy of a zip, removed by the assemble task; null for a folder. */
  temporary: string | null;
  participants: Table | null;
  recordings: ScannedRecording[];
  errors: Finding[];
}

function sha256File(path: string, hash: ReturnType<typeof createHash>): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve())
      .on('error', reject);
  });
}

const COMPANIONS: Record<string, string[]> = { '.vhdr': ['.vmrk', '.eeg'], '.set': ['.fdt'] };

async function recordingSha256(root: string, rel: string): Promise<string> {
  const hash = createHash('sha256');
  await sha256File(join(root, rel), hash);
  const ext = /\.[^.]+$/.exec(rel)?.[0]?.toLowerCase() ?? '';
  for (const c of COMPANIONS[ext] ?? []) await sha256File(join(root, rel.slice(0, -ext.length) + c), hash).catch(() => undefined);
  return hash.digest('hex');
}

export const scanDatasetTask = defineTask<{ dataset: string }, ScanResult>({
  name: 'features.scan',
  version: '1',
  async run({ dataset }, ctx) {
    const ds = await loadBidsDataset(dataset);
    const temporary = ds.source.kind === 'zip' ? (new RegExp(`^(${escape(tmpdir())}\\${sep}neuroops-bids-[^\\${sep}]+)`).exec(ds.root)?.[1] ?? null) : null;
    const recordings: ScannedRecording[] = [];
    for (const [i, r] of ds.recordings.entries()) {
      ctx.progress(i / Math.max(ds.recordings.length, 1), `hashing ${r.path}`);
      const sha256 = await recordingSha256(ds.root, r.path).catch(() => 'unreadable');
      recordings.push({ recording: r, sha256, findings: ds.findings.filter((f) => (f.recordings ?? [f.recording]).includes(r.path)) });
    }
    ctx.log.param('dataset', dataset);
    ctx.log.metric('recordings', recordings.length);
    return { root: ds.root, temporary, participants: ds.participants, recordings, errors: ds.findings.filter((f) => f.severity === 'error') };
  },
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RecordingTaskInput {
  root: string;
  scanned: ScannedRecording;
  spec: PreprocessingSpec;
  specHash: string;
}

export const recordingFeaturesTask = defineTask<RecordingTaskInput, RecordingOutcome>({
  name: 'features.recording',
  version: '1',
  cache: true,
  // The result depends on the file's bytes, its sidecars and the spec, not on where it is.
  cacheInput: ({ scanned, specHash }) => ({
    sha256: scanned.sha256,
    specHash,
    path: scanned.recording.path,
    channels: scanned.recording.channels,
    powerLineFrequency: scanned.recording.powerLineFrequency,
    usable: scanned.recording.usable,
  }),
  async run({ root, scanned, spec }, ctx) {
    const steps = spec.steps.filter((s) => s.enabled).length + spec.features.filter((f) => f.enabled).length;
    const outcome = await recordingFeatures(root, scanned.recording, spec, (step, i) => ctx.progress(i / steps, step), scanned.findings);
    ctx.log.param('recording', scanned.recording.path);
    ctx.log.param('sha256', scanned.sha256);
    if (outcome.ok) {
      ctx.log.metric('epochs_kept', outcome.quality.epochsKept);
      ctx.log.metric('epochs_rejected', outcome.quality.epochsRejected);
      ctx.log.metric('channels_interpolated', outcome.quality.interpolatedChannels.length);
      ctx.log.json('reports.json', outcome.reports);
    } else {
      ctx.log.tag('error', `${outcome.error.code}: ${outcome.error.message}`);
      ctx.logger.warn(outcome.error.message);
    }
    ctx.progress(1, outcome.ok ? 'done' : 'failed');
    return outcome;
  },
});

export interface AssembleInput {
  outcomes: RecordingOutcome[];
  participants: Table | null;
  spec: PreprocessingSpec;
  specHash: string;
  temporary: string | null;
}

export interface FeaturesSummary {
  rows: number;
  failed: number;
  columns: number;
  errors: Array<{ path: string; code: string; message: string }>;
}

export const assembleTableTask = defineTask<AssembleInput, FeaturesSummary>({
  name: 'features.assemble',
  version: '1',
  async run({ outcomes, participants, spec, specHash, temporary }, ctx) {
    try {
      const table = assembleTable(outcomes, participants);
      ctx.log.text('features.csv', tableToCsv(table));
      ctx.log.json('features.spec.json', { specHash, spec });
      ctx.log.json('quality.json', {
        recordings: outcomes.map((o) => (o.ok ? { path: o.path, ok: true, ...o.quality } : { path: o.path, ok: false, error: o.error })),
        errors: table.errors,
      });
      const kept = outcomes.flatMap((o) => (o.ok ? [o.quality] : []));
      ctx.log.metric('recordings_in_table', table.rows.length);
      ctx.log.metric('recordings_failed', table.errors.length);
      ctx.log.metric('feature_columns', table.featureColumns.length);
      if (kept.length) {
        ctx.log.metric('mean_epochs_kept', kept.reduce((a, q) => a + q.epochsKept, 0) / kept.length);
        ctx.log.metric('mean_seconds_kept', kept.reduce((a, q) => a + q.secondsKept, 0) / kept.length);
        ctx.log.metric('epochs_rejected_fraction', kept.reduce((a, q) => a + q.epochsRejected, 0) / Math.max(kept.reduce((a, q) => a + q.epochsTotal, 0), 1));
      }
      ctx.log.tag('spec_hash', specHash);
      return { rows: table.rows.length, failed: table.errors.length, columns: table.columns.length, errors: table.errors };
    } finally {
      if (temporary) await rm(temporary, { recursive: true, force: true });
    }
  },
});
