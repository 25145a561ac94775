import type { Run } from './types';

/** A server-side sort of the runs table: an order_by key such as metrics.`acc`. */
export interface SortState {
  key: string;
  descending: boolean;
}

/** The params and metrics the user chose as columns. */
export interface ChosenColumns {
  params: string[];
  metrics: string[];
}

/**
 * What the runs list shows, as it travels in the URL (`#/experiments?exp=1&filter=…`), so a
 * reload or a bookmark brings back the same view.
 */
export interface ExperimentsView {
  experimentIds: string[];
  filter: string;
  sort: SortState | null;
  /** null: the experiment's most common params and metrics. */
  columns: ChosenColumns | null;
  showDeleted: boolean;
}

export const EMPTY_VIEW: ExperimentsView = { experimentIds: [], filter: '', sort: null, columns: null, showDeleted: false };

/** Reads a view from the URL's query; anything missing or malformed takes its default. */
export function parseView(query: URLSearchParams): ExperimentsView {
  const experimentIds = (query.get('exp') ?? '').split(',').filter((id) => /^\d+$/.test(id));
  const sortKey = query.get('sort');
  const cols = query.getAll('col');
  return {
    experimentIds,
    filter: query.get('filter') ?? '',
    sort: sortKey ? { key: sortKey, descending: query.get('order') !== 'asc' } : null,
    // `col=` alone keeps an explicit "no columns" choice apart from "the defaults".
    columns: cols.length === 0 ? null : {
      metrics: cols.filter((c) => c.startsWith('metric:')).map((c) => c.slice('metric:'.length)),
      params: cols.filter((c) => c.startsWith('param:')).map((c) => c.slice('param:'.length)),
    },
    showDeleted: query.get('deleted') === '1',
  };
}

/** The query string of a view; the default view is ''. */
export function viewQuery(view: ExperimentsView): string {
  const query = new URLSearchParams();
  if (view.experimentIds.length > 0) query.set('exp', view.experimentIds.join(','));
  if (view.filter) query.set('filter', view.filter);
  if (view.sort) {
    query.set('sort', view.sort.key);
    query.set('order', view.sort.descending ? 'desc' : 'asc');
  }
  if (view.columns) {
    const cols = [...view.columns.metrics.map((k) => `metric:${k}`), ...view.columns.params.map((k) => `param:${k}`)];
    for (const col of cols.length > 0 ? cols : ['']) query.append('col', col);
  }
  if (view.showDeleted) query.set('deleted', '1');
  return query.toString();
}

/** How many columns of each kind the table shows before the user picks any. */
export const DEFAULT_COLUMNS = 4;

/** The keys most runs carry (ties by name), at most `limit` of them. */
function mostCommon(runs: readonly Run[], pick: (run: Run) => Array<{ key: string }>, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) for (const { key } of pick(run)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).slice(0, limit).map(([key]) => key);
}

/** The columns shown when the user has chosen none: the runs' most common metrics and params. */
export function defaultColumns(runs: readonly Run[], limit = DEFAULT_COLUMNS): ChosenColumns {
  return { metrics: mostCommon(runs, (r) => r.data.metrics, limit), params: mostCommon(runs, (r) => r.data.params, limit) };
}

export interface ExperimentActivity {
  experimentId: string;
  runCount: number;
  lastRunStart: number | null;
}

/** The experiment to open on: the one whose latest run started last, else the first listed. */
export function mostRecentlyActive(experimentIds: readonly string[], activity: readonly ExperimentActivity[]): string | undefined {
  const known = new Set(experimentIds);
  let best: ExperimentActivity | undefined;
  for (const a of activity) {
    if (!known.has(a.experimentId) || a.lastRunStart === null) continue;
    if (!best || a.lastRunStart > best.lastRunStart!) best = a;
  }
  return best?.experimentId ?? experimentIds[0];
}
