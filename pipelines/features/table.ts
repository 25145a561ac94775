/**
 * The feature table: one row per recording that produced every feature
 * column. Columns are the keys (participant_id, session, task, run, group,
 * site, and age and sex when participants.tsv has them), the feature columns,
 * then quality columns.
 *
 * The feature columns are fixed by the channels most recordings share (those
 * present in at least half of the successful ones, in the first one's order).
 * A recording lacking one of them becomes an error; it is never filled with
 * zeros or NaN.
 */
import { csvCell } from '../csv-cell';
import type { Table } from '../eeg/bids/tsv';
import { isNA } from '../eeg/bids/tsv';
import type { RecordingFailure, RecordingOutcome, RecordingSuccess } from './recording-features';

export type Cell = string | number | null;

export interface FeatureTable {
  columns: string[];
  rows: Cell[][];
  /** Which recording each row came from (path in the dataset). */
  rowPaths: string[];
  errors: Array<{ path: string; code: string; message: string }>;
  featureColumns: string[];
  channels: string[];
}

const KEY_COLUMNS = ['participant_id', 'session', 'task', 'run', 'group', 'site'] as const;
const OPTIONAL_KEYS = ['age', 'sex'] as const;
export const QUALITY_COLUMNS = ['bad_channels', 'n_bad_channels', 'interpolated_channels', 'n_interpolated_channels', 'epochs_total', 'epochs_kept', 'epochs_rejected', 'seconds_kept', 'wica_components_touched', 'wica_epochs_touched'] as const;

function sharedChannels(successes: RecordingSuccess[]): string[] {
  const counts = new Map<string, number>();
  for (const s of successes) for (const c of s.channels) counts.set(c, (counts.get(c) ?? 0) + 1);
  const order = [...new Set(successes.flatMap((s) => s.channels))];
  return order.filter((c) => (counts.get(c) ?? 0) * 2 >= successes.length);
}

/** Whether a feature column is about shared channels: {family}_{CH}_{…}, or a pair {family}_{CH1}-{CH2}_{Band} with both shared. */
function namesSharedSpaces(column: string, channels: readonly string[]): boolean {
  if (channels.some((c) => column.includes(`_${c}_`))) return true;
  const shared = new Set(channels);
  const mid = column.slice(column.indexOf('_') + 1, column.lastIndexOf('_'));
  for (let i = mid.indexOf('-'); i > 0; i = mid.indexOf('-', i + 1)) if (shared.has(mid.slice(0, i)) && shared.has(mid.slice(i + 1))) return true;
  return false;
}

export function assembleTable(outcomes: RecordingOutcome[], participants: Table | null): FeatureTable {
  const successes = outcomes.filter((o): o is RecordingSuccess => o.ok);
  const errors = outcomes.filter((o): o is RecordingFailure => !o.ok).map((o) => ({ path: o.path, ...o.error }));
  const channels = sharedChannels(successes);
  const first = successes[0];
  // Feature columns follow the first success's column order, restricted to the shared channels.
  const featureColumns = first ? first.features.map(([k]) => k).filter((k) => namesSharedSpaces(k, channels)) : [];
  const optional = OPTIONAL_KEYS.filter((k) => participants?.columns.includes(k));
  const columns = [...KEY_COLUMNS, ...optional, ...featureColumns, ...QUALITY_COLUMNS];
  const byId = new Map((participants?.rows ?? []).map((r) => [(r['participant_id'] ?? '').replace(/^sub-/, ''), r]));
  const rows: Cell[][] = [];
  const rowPaths: string[] = [];
  for (const s of successes) {
    const values = new Map(s.features);
    const missing = channels.filter((c) => !s.channels.includes(c));
    if (missing.length) {
      errors.push({ path: s.path, code: 'MISSING_CHANNELS', message: `${s.path}: lacks the channels ${missing.join(', ')} that the other recordings have, so its features cannot fill the table's columns.` });
      continue;
    }
    const p = byId.get(s.subject);
    const meta = (k: string): Cell => (p && !isNA(p[k]) ? numberOrText(p[k]!) : null);
    rows.push([
      `sub-${s.subject}`,
      s.session,
      s.task,
      s.run,
      meta('group'),
      meta('site'),
      ...optional.map(meta),
      ...featureColumns.map((c) => values.get(c)!),
      s.quality.badChannels.join(';'),
      s.quality.badChannels.length,
      s.quality.interpolatedChannels.join(';'),
      s.quality.interpolatedChannels.length,
      s.quality.epochsTotal,
      s.quality.epochsKept,
      s.quality.epochsRejected,
      s.quality.secondsKept,
      s.quality.wicaComponentsTouched,
      s.quality.wicaEpochsTouched,
    ]);
    rowPaths.push(s.path);
  }
  return { columns, rows, rowPaths, errors, featureColumns, channels };
}

function numberOrText(v: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/** RFC 4180 CSV; null cells are empty; numbers in full precision. */
export function tableToCsv(table: Pick<FeatureTable, 'columns' | 'rows'>): string {
  const cell = (v: Cell): string => {
    if (v === null) return '';
    return csvCell(typeof v === 'number' ? String(v) : v);
  };
  return [table.columns, ...table.rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
