/**
 * A BIDS EEG dataset, read and validated: subjects, sessions, every EEG
 * recording with its (inherited) sidecars and header, findings in the BIDS
 * validator's manner, and which recordings are usable (no error against them).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openRecording } from '../open';
import { isPipelineError } from '../../errors';
import type { ZipLimits } from '../../zip/limits';
import type { RecordingFormat, RecordingHeader } from '../types';
import { Findings } from './findings';
import type { Finding } from './findings';
import { checkCoordsystemFiles, findCoordsystem } from './coordsystem';
import { checkHeaderAgainstSidecars } from './header-check';
import { listFiles } from './layout';
import { checkEegFolderFile, isEegDataFile } from './naming';
import type { BidsFile } from './layout';
import { acqTimeOf, readScansFiles } from './scans';
import type { ScansFile } from './scans';
import { loadSidecars, readJson } from './sidecars';
import { openDatasetSource } from './source';
import type { DatasetSource } from './source';
import { parseTsv } from './tsv';
import type { Table } from './tsv';

export interface BidsRecording {
  /** Path relative to the dataset root. */
  path: string;
  subject: string;
  session: string | null;
  task: string | null;
  acq: string | null;
  run: string | null;
  entities: Record<string, string>;
  format: RecordingFormat | null;
  /** Merged _eeg.json (nearest sidecar wins). */
  eegJson: Record<string, unknown> | null;
  /** From _eeg.json: Hz, null when missing or "n/a" (the preprocessing spec then supplies its default). */
  powerLineFrequency: number | null;
  samplingFrequency: number | null;
  eegReference: string | null;
  sidecarFiles: { eegJson: string[]; channels: string | null; events: string | null; electrodes: string | null; coordsystem: string | null };
  /** From the scans.tsv row: YYYY-MM-DDThh:mm:ss[.000000][Z] as written; null without a row, a time, or a well-formed one. */
  acqTime: string | null;
  /** channels.tsv rows (name, type, units, status, ...). */
  channels: Array<Record<string, string>>;
  badChannels: string[];
  eventCount: number;
  electrodeCount: number;
  header: { samplingRate: number; sampleCount: number; duration: number; channelCount: number; startTime: string | null } | null;
  usable: boolean;
}

export interface BidsDataset {
  source: { kind: 'folder' | 'zip'; path: string };
  root: string;
  name: string;
  bidsVersion: string;
  participants: Table | null;
  participantsJson: Record<string, unknown> | null;
  subjects: string[];
  sessions: Array<{ subject: string; session: string }>;
  recordings: BidsRecording[];
  findings: Finding[];
  /** Removes the temporary copy when the dataset came from a zip. */
  dispose(): Promise<void>;
}


export async function loadBidsDataset(path: string, options: { zipLimits?: Partial<ZipLimits> } = {}): Promise<BidsDataset> {
  const source = await openDatasetSource(path, options.zipLimits);
  try {
    return await readDataset(source);
  } catch (e) {
    await source.dispose();
    throw e;
  }
}

async function readDataset(source: DatasetSource): Promise<BidsDataset> {
  const { root } = source;
  const findings = new Findings();
  const files = await listFiles(root);

  const description = (await readJson(root, 'dataset_description.json', findings)) ?? {};
  for (const key of ['Name', 'BIDSVersion']) {
    if (typeof description[key] !== 'string') {
      findings.error('dataset_description.json', 'DATASET_DESCRIPTION_FIELD_MISSING', `dataset_description.json lacks the required field ${key}`);
    }
  }
  if (!files.some((f) => f.dir === '' && /^README(\.(md|txt|rst))?$/i.test(f.name))) {
    findings.warning('README', 'README_FILE_MISSING', 'the dataset has no README at its top level');
  }

  const subjectDirs = [...new Set(files.map((f) => /^sub-([a-zA-Z0-9]+)\//.exec(f.rel)?.[1]).filter((s): s is string => !!s))];
  const sessions = uniqueSessions(files);
  const participants = await readParticipants(root, files, subjectDirs, findings);
  const participantsJson = files.some((f) => f.rel === 'participants.json') ? await readJson(root, 'participants.json', findings) : null;

  const scans = await readScansFiles(root, files, findings);
  const recordings: BidsRecording[] = [];
  for (const f of files) {
    checkEegFolderFile(f, findings);
    if (!isEegDataFile(f, findings)) continue;
    recordings.push(await readRecordingEntry(root, files, f, findings, scans));
  }
  await checkCoordsystemFiles(root, recordings.flatMap((r) => r.sidecarFiles.coordsystem ?? []), findings);
  if (recordings.length === 0) {
    findings.error('', 'NO_EEG_RECORDINGS', 'the dataset holds no EEG recording (sub-*/[ses-*/]eeg/*_eeg.edf|.bdf|.vhdr|.set)');
  }
  for (const r of recordings) r.usable = !findings.hasErrorFor(r.path);

  return {
    source: { kind: source.kind, path: source.path },
    root,
    name: typeof description['Name'] === 'string' ? description['Name'] : '',
    bidsVersion: typeof description['BIDSVersion'] === 'string' ? description['BIDSVersion'] : '',
    participants,
    participantsJson,
    subjects: subjectDirs.sort(),
    sessions,
    recordings,
    findings: findings.list,
    dispose: source.dispose,
  };
}

function uniqueSessions(files: BidsFile[]): Array<{ subject: string; session: string }> {
  const seen = new Map<string, { subject: string; session: string }>();
  for (const f of files) {
    const m = /^sub-([a-zA-Z0-9]+)\/ses-([a-zA-Z0-9]+)\//.exec(f.rel);
    if (m) seen.set(`${m[1]}/${m[2]}`, { subject: m[1]!, session: m[2]! });
  }
  return [...seen.values()];
}

async function readParticipants(root: string, files: BidsFile[], subjects: string[], findings: Findings): Promise<Table | null> {
  if (!files.some((f) => f.rel === 'participants.tsv')) {
    findings.warning('participants.tsv', 'PARTICIPANTS_TSV_MISSING', 'no participants.tsv: group, age, sex and site are unknown');
    return null;
  }
  const table = parseTsv(await readFile(join(root, 'participants.tsv'), 'utf8'));
  if (!table.columns.includes('participant_id')) {
    findings.error('participants.tsv', 'PARTICIPANTS_TSV_COLUMN_MISSING', 'participants.tsv lacks the required column participant_id');
    return table;
  }
  const listed = table.rows.map((r) => (r['participant_id'] ?? '').replace(/^sub-/, ''));
  const unlisted = subjects.filter((s) => !listed.includes(s));
  if (unlisted.length) {
    findings.error('participants.tsv', 'PARTICIPANT_ID_MISMATCH', `participants.tsv does not list ${unlisted.map((s) => 'sub-' + s).join(', ')}`);
  }
  const absent = listed.filter((s) => !subjects.includes(s));
  if (absent.length) {
    findings.warning('participants.tsv', 'PARTICIPANT_WITHOUT_DATA', `participants.tsv lists ${absent.map((s) => 'sub-' + s).join(', ')}, which have no folder`);
  }
  return table;
}

async function readRecordingEntry(root: string, files: BidsFile[], f: BidsFile, findings: Findings, scans: ScansFile[]): Promise<BidsRecording> {
  const e = f.parsed!.entities;
  const sc = await loadSidecars(root, files, f, findings);
  const coordsystem = findCoordsystem(files, f, sc.electrodes?.file ?? null, findings);
  let header: RecordingHeader | null = null;
  try {
    const reader = await openRecording(join(root, f.rel));
    header = reader.header;
    await reader.close();
  } catch (err) {
    if (!isPipelineError(err)) throw err;
    findings.error(f.rel, `RECORDING_${err.code}`, err.message.replace(root + '/', ''), f.rel);
  }
  if (header) {
    for (const w of header.warnings ?? []) findings.warning(f.rel, w.code, `${f.rel}: ${w.message}`, f.rel);
    checkHeaderAgainstSidecars(f.rel, header, sc, findings);
  }
  const channels = sc.channels?.table.rows ?? [];
  return {
    path: f.rel,
    subject: e['sub'] ?? '',
    session: e['ses'] ?? null,
    task: e['task'] ?? null,
    acq: e['acq'] ?? null,
    run: e['run'] ?? null,
    entities: e,
    format: header?.format ?? null,
    eegJson: sc.eegJson,
    powerLineFrequency: positive(sc.eegJson?.['PowerLineFrequency']),
    samplingFrequency: positive(sc.eegJson?.['SamplingFrequency']),
    eegReference: typeof sc.eegJson?.['EEGReference'] === 'string' ? sc.eegJson['EEGReference'] : null,
    sidecarFiles: { eegJson: sc.eegJsonFiles, channels: sc.channels?.file ?? null, events: sc.events?.file ?? null, electrodes: sc.electrodes?.file ?? null, coordsystem },
    acqTime: acqTimeOf(scans, f.rel, findings),
    channels,
    badChannels: channels.filter((r) => r['status'] === 'bad').map((r) => r['name'] ?? ''),
    eventCount: sc.events?.table.rows.length ?? 0,
    electrodeCount: sc.electrodes?.table.rows.length ?? 0,
    header: header && {
      samplingRate: header.samplingRate,
      sampleCount: header.sampleCount,
      duration: header.duration,
      channelCount: header.channels.length,
      startTime: header.startTime?.iso ?? null,
    },
    usable: false,
  };
}

function positive(v: unknown): number | null {
  return typeof v === 'number' && v > 0 ? v : null;
}
