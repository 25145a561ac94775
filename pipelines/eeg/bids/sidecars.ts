/**
 * Loading a recording's sidecars (with inheritance) and checking each
 * against the BIDS EEG rules: _eeg.json required fields, the required columns
 * of channels.tsv, events.tsv and electrodes.tsv, and allowed values.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Findings } from './findings';
import { applicableSidecars } from './layout';
import type { BidsFile } from './layout';
import { isNA, parseTsv } from './tsv';
import type { Table } from './tsv';

export const REQUIRED_EEG_JSON = ['TaskName', 'EEGReference', 'SamplingFrequency', 'PowerLineFrequency', 'SoftwareFilters'] as const;
export const CHANNEL_TYPES = new Set([
  'AUDIO', 'EEG', 'EOG', 'ECG', 'EMG', 'EYEGAZE', 'GSR', 'HEOG', 'MISC', 'PPG', 'PUPIL', 'REF', 'RESP', 'SYSCLOCK',
  'TEMP', 'TRIG', 'VEOG',
]);

export interface Sidecars {
  eegJson: Record<string, unknown> | null;
  eegJsonFiles: string[];
  channels: { file: string; table: Table } | null;
  events: { file: string; table: Table } | null;
  electrodes: { file: string; table: Table } | null;
}

export async function loadSidecars(root: string, files: BidsFile[], data: BidsFile, findings: Findings): Promise<Sidecars> {
  const rec = data.rel;
  const jsonChain = applicableSidecars(files, data, 'eeg', '.json');
  let eegJson: Record<string, unknown> | null = null;
  for (const f of jsonChain) {
    const parsed = await readJson(root, f.rel, findings, rec);
    if (parsed) eegJson = { ...(eegJson ?? {}), ...parsed };
  }
  if (jsonChain.length === 0) {
    const expected = data.rel.replace(/_eeg\.[^/]+$/, '_eeg.json');
    findings.error(expected, 'EEG_JSON_MISSING', `required sidecar ${expected} is missing (no _eeg.json applies to ${data.rel}, here or higher up)`, rec);
  } else if (eegJson) {
    checkEegJson(eegJson, jsonChain[jsonChain.length - 1]!.rel, data, findings);
  }

  const nearestTable = async (suffix: string, ignore: readonly string[] = []) => {
    const chain = applicableSidecars(files, data, suffix, '.tsv', ignore);
    const f = chain[chain.length - 1];
    return f ? { file: f.rel, table: parseTsv(await readFile(join(root, f.rel), 'utf8')) } : null;
  };
  const channels = await nearestTable('channels');
  const events = await nearestTable('events');
  const electrodes = await nearestTable('electrodes', ['space']);

  if (!channels) {
    findings.warning(data.rel.replace(/_eeg\.[^/]+$/, '_channels.tsv'), 'CHANNELS_TSV_MISSING', `no channels.tsv applies to ${data.rel}; channel types and bad channels come from the file header alone`, rec);
  } else {
    checkChannels(channels.file, channels.table, findings, rec);
  }
  if (events) checkColumns(events.file, events.table, ['onset', 'duration'], findings, rec, 'EVENTS_TSV');
  if (events) checkNumeric(events.file, events.table, ['onset', 'duration'], findings, rec);
  if (electrodes) checkColumns(electrodes.file, electrodes.table, ['name', 'x', 'y', 'z'], findings, rec, 'ELECTRODES_TSV');
  return { eegJson, eegJsonFiles: jsonChain.map((f) => f.rel), channels, events, electrodes };
}

export async function readJson(root: string, rel: string, findings: Findings, recording?: string): Promise<Record<string, unknown> | null> {
  try {
    const v: unknown = JSON.parse((await readFile(join(root, rel), 'utf8')).replace(/^\uFEFF/, ''));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    findings.error(rel, 'JSON_NOT_AN_OBJECT', `${rel} must hold a JSON object`, recording);
  } catch (e) {
    findings.error(rel, 'JSON_INVALID', `${rel} is not valid JSON: ${(e as Error).message}`, recording);
  }
  return null;
}

function checkEegJson(json: Record<string, unknown>, file: string, data: BidsFile, findings: Findings): void {
  const rec = data.rel;
  for (const key of REQUIRED_EEG_JSON) {
    if (!(key in json)) findings.error(file, 'EEG_JSON_FIELD_MISSING', `${file} lacks the required field ${key}`, rec);
  }
  const sf = json['SamplingFrequency'];
  if ('SamplingFrequency' in json && !(typeof sf === 'number' && sf > 0)) {
    findings.error(file, 'EEG_JSON_FIELD_INVALID', `${file}: SamplingFrequency must be a positive number, found ${JSON.stringify(sf)}`, rec);
  }
  const pl = json['PowerLineFrequency'];
  if ('PowerLineFrequency' in json && !(typeof pl === 'number' && pl > 0) && pl !== 'n/a') {
    findings.error(file, 'EEG_JSON_FIELD_INVALID', `${file}: PowerLineFrequency must be a positive number or "n/a", found ${JSON.stringify(pl)}`, rec);
  }
  if ('EEGReference' in json && typeof json['EEGReference'] !== 'string') {
    findings.error(file, 'EEG_JSON_FIELD_INVALID', `${file}: EEGReference must be text, found ${JSON.stringify(json['EEGReference'])}`, rec);
  }
  const task = data.parsed?.entities['task'];
  if (typeof json['TaskName'] === 'string' && task && json['TaskName'].replace(/[^a-zA-Z0-9]/g, '') !== task) {
    findings.warning(file, 'TASK_NAME_MISMATCH', `${file}: TaskName "${json['TaskName']}" does not match the task entity "${task}" of ${data.name}`, rec);
  }
}

/** Required columns and ragged rows; `rec` is absent for files that concern no one recording (scans.tsv). */
export function checkColumns(file: string, t: Table, required: string[], findings: Findings, rec: string | undefined, rulePrefix: string): boolean {
  const missing = required.filter((c) => !t.columns.includes(c));
  if (missing.length) findings.error(file, `${rulePrefix}_COLUMN_MISSING`, `${file} lacks the required column(s) ${missing.join(', ')}`, rec);
  for (const [line, cells] of t.ragged) {
    findings.error(file, 'TSV_ROW_LENGTH', `${file} line ${line} has ${cells} cells; the header has ${t.columns.length}`, rec);
  }
  return missing.length === 0;
}

function checkNumeric(file: string, t: Table, cols: string[], findings: Findings, rec: string): void {
  t.rows.forEach((row, i) => {
    for (const c of cols) {
      const v = row[c];
      if (v !== undefined && !isNA(v) && !Number.isFinite(Number(v))) {
        findings.error(file, 'TSV_VALUE_NOT_NUMBER', `${file} line ${i + 2}: ${c} must be a number or n/a, found "${v}"`, rec);
      }
    }
  });
}

function checkChannels(file: string, t: Table, findings: Findings, rec: string): void {
  if (!checkColumns(file, t, ['name', 'type', 'units'], findings, rec, 'CHANNELS_TSV')) return;
  t.rows.forEach((row, i) => {
    const type = row['type'] ?? '';
    if (!CHANNEL_TYPES.has(type.toUpperCase())) {
      findings.error(file, 'CHANNELS_TYPE_INVALID', `${file} line ${i + 2}: channel type "${type}" is not a BIDS type`, rec);
    } else if (type !== type.toUpperCase()) {
      findings.warning(file, 'CHANNELS_TYPE_UPPER_CASE', `${file} line ${i + 2}: channel type "${type}" should be upper case`, rec);
    }
    const status = row['status'];
    if (status !== undefined && !['good', 'bad', 'n/a'].includes(status)) {
      findings.error(file, 'CHANNELS_STATUS_INVALID', `${file} line ${i + 2}: status must be good, bad or n/a, found "${status}"`, rec);
    }
  });
  const names = t.rows.map((r) => r['name']);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) findings.error(file, 'CHANNELS_NAME_DUPLICATE', `${file}: channel "${dup}" is listed twice`, rec);
}
