/**
 * The feature table of a `features` run (its features.csv artifact), read for
 * display: relative band power per recording, channel and band, and the group
 * of each recording when the table has a group column.
 */
import { splitCsvLine } from '../../experiments/artifact-preview';

export interface FeatureRecording {
  participant: string;
  group: string | null;
  /** Relative power by `${channel}\u0000${band}`. */
  power: Map<string, number>;
}

export interface FeatureTableView {
  channels: string[];
  bands: string[];
  /** The groups present, in order of first appearance; empty when the table has no group column or it is empty. */
  groups: string[];
  recordings: FeatureRecording[];
}

const POWER_COLUMN = /^power_([^_]+)_(.+)$/;
const cellKey = (channel: string, band: string): string => `${channel}\u0000${band}`;

/**
 * Parses features.csv. Bands come in the spec's order when it is given (names
 * the table lacks are skipped), else in the table's.
 */
export function parseFeatureTable(csv: string, specBands: string[] = []): FeatureTableView {
  const lines = csv.split(/\r?\n/).filter((l) => l !== '');
  const header = splitCsvLine(lines[0] ?? '');
  const powerColumns = header.flatMap((name, index) => {
    const match = POWER_COLUMN.exec(name);
    return match ? [{ index, channel: match[1]!, band: match[2]! }] : [];
  });
  const tableBands = [...new Set(powerColumns.map((c) => c.band))];
  const bands = [...specBands.filter((b) => tableBands.includes(b)), ...tableBands.filter((b) => !specBands.includes(b))];
  const channels = [...new Set(powerColumns.map((c) => c.channel))];
  const participantAt = header.indexOf('participant_id');
  const groupAt = header.indexOf('group');
  const recordings = lines.slice(1).map((line): FeatureRecording => {
    const cells = splitCsvLine(line);
    const power = new Map<string, number>();
    for (const c of powerColumns) power.set(cellKey(c.channel, c.band), Number(cells[c.index]));
    const group = groupAt >= 0 && cells[groupAt] ? cells[groupAt]! : null;
    return { participant: cells[participantAt] ?? '', group, power };
  });
  const groups = [...new Set(recordings.flatMap((r) => (r.group === null ? [] : [r.group])))];
  return { channels, bands, groups, recordings };
}

/** A channel's value in one recording, or the mean over every channel when channel is null. */
export function powerOf(recording: FeatureRecording, channels: string[], band: string, channel: string | null): number {
  if (channel !== null) return recording.power.get(cellKey(channel, band)) ?? NaN;
  let sum = 0;
  for (const c of channels) sum += recording.power.get(cellKey(c, band)) ?? NaN;
  return sum / channels.length;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

export interface ProfileSeries {
  /** The group's name, or "All recordings" when the table has no groups. */
  name: string;
  count: number;
  recordings: FeatureRecording[];
}

export const ALL_RECORDINGS = 'All recordings';

/** The series to compare: one per group, or all recordings together when there are no groups. */
export function seriesOf(table: FeatureTableView): ProfileSeries[] {
  if (table.groups.length === 0) return [{ name: ALL_RECORDINGS, count: table.recordings.length, recordings: table.recordings }];
  const grouped = table.groups.map((g) => table.recordings.filter((r) => r.group === g));
  const ungrouped = table.recordings.filter((r) => r.group === null);
  const series = table.groups.map((name, i) => ({ name, count: grouped[i]!.length, recordings: grouped[i]! }));
  return ungrouped.length ? [...series, { name: 'No group', count: ungrouped.length, recordings: ungrouped }] : series;
}

/**
 * The band-power profile for a chart: one point per band, holding each series'
 * mean relative power over its recordings (of one channel, or of the channel mean).
 */
export function bandProfile(table: FeatureTableView, channel: string | null): Array<Record<string, string | number>> {
  const series = seriesOf(table);
  return table.bands.map((band) => {
    const point: Record<string, string | number> = { band };
    for (const s of series) point[s.name] = mean(s.recordings.map((r) => powerOf(r, table.channels, band, channel)));
    return point;
  });
}

/** One band's mean relative power per channel over the given recordings, for the topographic map. */
export function bandByChannel(table: FeatureTableView, band: string, recordings: FeatureRecording[]): Array<{ channel: string; value: number }> {
  return table.channels.map((channel) => ({ channel, value: mean(recordings.map((r) => powerOf(r, table.channels, band, channel))) }));
}
