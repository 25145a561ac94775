import { formatNumber } from '../experiments/chart-data';
import type { Entities, Finding, HistoryFilter, LabelCounts, ModelChoice, ProfileRow, Quality, Validation } from './types';

/** Pure helpers behind the Predictions page: what to show, in which order, from the API's answers. */

const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1 };

/** Errors first, then warnings; the dataset's own order inside each (the sort is stable). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** Why the Run button is off, or null when the dataset may run: errors stop a prediction before anything runs. */
export function runBlocker(validation: Validation | null): string | null {
  if (!validation) return 'Drop a BIDS dataset first.';
  const errors = validation.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) return `Fix the ${errors === 1 ? 'error' : `${errors} errors`} in the dataset first.`;
  if (!validation.ok) return 'The dataset did not pass validation.';
  if (validation.recordings.length === 0) return 'The dataset holds no EEG recording to predict on.';
  return null;
}

const PREFIX = { subject: 'sub', session: 'ses', task: 'task', run: 'run' } as const;

/** `sub-01 ses-02 task-rest`: how a recording is named in lists and titles. */
export function recordingName(entities: Entities): string {
  return (Object.keys(PREFIX) as Array<keyof typeof PREFIX>)
    .filter((k) => entities[k])
    .map((k) => `${PREFIX[k]}-${entities[k]}`)
    .join(' ');
}

/** `3 recordings`, `1 file`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The value a model selector holds for a version: its key in the list. */
export const choiceKey = (m: Pick<ModelChoice, 'name' | 'version'>): string => `${m.name}/${m.version}`;

/** The version selected when the page opens: the production one, else nothing (there is no model to run). */
export function defaultChoice(models: readonly ModelChoice[]): ModelChoice | null {
  return models.find((m) => m.isProduction) ?? null;
}

/**
 * What `predictions.start` gets as `model`: the production version by the model's name (so
 * the server resolves its production alias itself), any other version by `NAME/version`.
 */
export function modelReference(choice: ModelChoice): string {
  return choice.isProduction ? choice.name : `${choice.name}/${choice.version}`;
}

/** Probabilities as bars, the most likely class first. */
export function probabilityBars(probabilities: Record<string, number> | null): Array<{ label: string; p: number }> {
  if (!probabilities) return [];
  return Object.entries(probabilities)
    .map(([label, p]) => ({ label, p }))
    .sort((a, b) => b.p - a.p || a.label.localeCompare(b.label));
}

/** The quality summary in words: epochs kept of all, the seconds they make, the channels interpolated. */
export function qualityText(quality: Quality | null): string {
  if (!quality) return '—';
  const interpolated = quality.interpolatedChannels.length === 0 ? 'no channel interpolated' : `interpolated ${quality.interpolatedChannels.join(', ')}`;
  return `${quality.epochsKept}/${quality.epochsTotal} epochs kept (${formatNumber(quality.secondsKept)} s) · ${interpolated}`;
}


export interface LabelSeries {
  labels: string[];
  rows: Array<Record<string, string | number>>;
}

/** Labels seen over the days, for a stacked chart: one row per day, one key per label, missing counts as 0. */
export function labelSeries(data: LabelCounts): LabelSeries {
  const labels = [...new Set(data.days.flatMap((d) => Object.keys(d.counts)))].sort();
  const rows = [...data.days]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((d) => ({ day: d.day, ...Object.fromEntries(labels.map((l) => [l, d.counts[l] ?? 0])) }));
  return { labels, rows };
}

export interface ProfilePoint {
  feature: string;
  /** The recording's value in training standard deviations from the training mean. */
  z: number;
  /** The training 5th–95th percentile range, in the same units. */
  range: [number, number];
  /** mean ± one standard deviation: always [-1, 1], kept per row for the chart's band. */
  band: [number, number];
  raw: ProfileRow;
}

/**
 * The band-power profile against the training distribution. Features have different
 * scales, so each is shown in training standard deviations; the features furthest from
 * the training mean come first and `most` of them are kept, or all when `most` is 0.
 */
export function profilePoints(profile: readonly ProfileRow[], most = 0): ProfilePoint[] {
  const z = (x: number, row: ProfileRow): number => (row.std > 0 ? (x - row.mean) / row.std : x === row.mean ? 0 : Math.sign(x - row.mean) * Infinity);
  const points = profile.map((row) => ({ feature: row.feature, z: z(row.value, row), range: [z(row.q05, row), z(row.q95, row)] as [number, number], band: [-1, 1] as [number, number], raw: row }));
  const finite = (x: number): number => (Number.isFinite(x) ? Math.abs(x) : Number.MAX_VALUE);
  const ranked = most > 0 ? [...points].sort((a, b) => finite(b.z) - finite(a.z)).slice(0, most) : points;
  // Kept in the schema's order, so channels and bands read as the model lists them.
  const order = new Map(profile.map((row, i) => [row.feature, i]));
  return ranked.sort((a, b) => order.get(a.feature)! - order.get(b.feature)!);
}

/** Whether a value lies outside the training 5th–95th percentiles. */
export const outsideRange = (row: ProfileRow): boolean => row.value < row.q05 || row.value > row.q95;

/** What the user filters the history by, as typed: a model name, a label, and dates (YYYY-MM-DD, local days). */
export interface HistoryForm {
  model: string;
  label: string;
  from: string;
  to: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** The form as the API takes it: the dates as epoch ms bounding whole local days, both inclusive. */
export function filterOf(form: HistoryForm, offset: number, limit: number): HistoryFilter {
  const day = (text: string, end: boolean): number | undefined => {
    const start = text ? new Date(`${text}T00:00:00`).getTime() : NaN;
    if (!Number.isFinite(start)) return undefined;
    return end ? start + DAY_MS - 1 : start;
  };
  const from = day(form.from, false);
  const to = day(form.to, true);
  return {
    ...(form.model ? { model: form.model } : {}),
    ...(form.label ? { label: form.label } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    limit,
    offset,
  };
}

/** Where the CSV exports are served (relative to the page, like the API): the results under the history's filters, and the whole audit log. */
export const RESULTS_EXPORT_PATH = 'api/predictions/export.csv';
export const AUDIT_EXPORT_PATH = 'api/audit/export.csv';

/** The history's filters as the results export takes them: no paging, every matching recording. */
export function exportFilter(form: HistoryForm): Omit<HistoryFilter, 'limit' | 'offset'> {
  const { limit: _limit, offset: _offset, ...filter } = filterOf(form, 0, 1);
  return filter;
}

export function exportUrls(form: HistoryForm): { results: string; audit: string } {
  const filter = exportFilter(form);
  const query = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)])).toString();
  return { results: query ? `${RESULTS_EXPORT_PATH}?${query}` : RESULTS_EXPORT_PATH, audit: AUDIT_EXPORT_PATH };
}

/** One job's results as CSV. */
export const jobExportUrl = (id: string): string => `${RESULTS_EXPORT_PATH}?job=${encodeURIComponent(id)}`;
