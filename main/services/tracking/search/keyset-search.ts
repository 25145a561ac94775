import type { Db } from '../../../db/database';
import { invalid } from '../../../core/app-error';
import type { RunRow } from '../run-store';
import type { OrderClause } from './filter-parser';
import type { SqlFragment } from './run-search-sql';

/**
 * Keyset paging for the orders the UI uses (none, or one metric or param): runs come in
 * two segments, those with the sort key read in the order of the
 * `(experiment_id, key, value)` index, then those without it (and NaN metrics) by
 * MLflow's default, newest first then run id. Each page seeks to the cursor (the last
 * row's sort key) and reads forward, so the 50th page costs what the first does, and an
 * order walks the index only until the page is full instead of sorting every run.
 */
export interface SearchScope {
  experimentIds: number[];
  lifecycleSql: string;
  where: SqlFragment;
  /** Candidate runs from the filter's most selective clause (see selective-clause.ts), read first when set. */
  driver?: SqlFragment;
}

/** ['a', sort value, start_time, run_id] inside the sorted segment; ['b', start_time, run_id] or ['b'] in the rest. */
export type Cursor = unknown[];

interface Query extends SqlFragment {
  segment: 'a' | 'b';
}

export function keysetSupported(order: readonly OrderClause[]): boolean {
  return order.length === 0 || (order.length === 1 && (order[0]!.kind === 'metric' || order[0]!.kind === 'param'));
}

const sortTable = (o: OrderClause): string => (o.kind === 'metric' ? 'metric_series' : 'params');
const usable = (o: OrderClause): string => (o.kind === 'metric' ? ' AND o.is_nan = 0' : '');

// JSON has no ±Infinity, and a metric may hold one.
const toJson = (v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
const fromJson = (v: unknown): unknown => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

function badCursor(): Error {
  return invalid('Invalid page_token: pass back the next_page_token of the previous page unchanged.');
}

function inList(ids: number[]): string {
  return ids.map(() => '?').join(',');
}

/** Runs that have the sort key, in its order (then newest first, then run id). */
function sortedSegment(scope: SearchScope, o: OrderClause, cursor: Cursor | null): Query {
  const dir = o.descending ? 'DESC' : 'ASC';
  const params: unknown[] = [...scope.experimentIds, o.key];
  let seek = '';
  if (cursor) {
    const [, value, startTime, runId] = cursor;
    const v = o.kind === 'metric' ? fromJson(value) : value;
    if ((o.kind === 'metric' ? typeof v !== 'number' : typeof v !== 'string') || typeof startTime !== 'number' || typeof runId !== 'string') throw badCursor();
    const [atMost, beyond] = o.descending ? ['<=', '<'] : ['>=', '>'];
    seek = ` AND o.value ${atMost} ? AND (o.value ${beyond} ? OR r.start_time < ? OR (r.start_time = ? AND r.run_id > ?))`;
    params.push(v, v, startTime, startTime, runId);
  }
  const filter = `o.experiment_id IN (${inList(scope.experimentIds)}) AND o.key = ?${usable(o)}${seek}
        AND ${scope.lifecycleSql} AND ${scope.where.sql}`;
  const orderBy = `ORDER BY o.value ${dir}, r.start_time DESC, r.run_id ASC LIMIT ?`;
  if (scope.driver) {
    // Few candidates: look them up, then sort them.
    return {
      segment: 'a',
      sql: `SELECT r.*, o.value AS sort_value FROM runs r CROSS JOIN ${sortTable(o)} o ON o.run_pk = r.run_pk
        WHERE r.run_pk IN (${scope.driver.sql}) AND ${filter} ${orderBy}`,
      params: [...scope.driver.params, ...params, ...scope.where.params],
    };
  }
  // CROSS JOIN keeps the index on the sort key as the outer loop, so the scan stops once the page is full.
  return {
    segment: 'a',
    sql: `SELECT r.*, o.value AS sort_value FROM ${sortTable(o)} o CROSS JOIN runs r ON r.run_pk = o.run_pk WHERE ${filter} ${orderBy}`,
    params: [...params, ...scope.where.params],
  };
}

/** Runs without the sort key (or every run when there is no order), newest first, then run id. */
function defaultSegment(scope: SearchScope, o: OrderClause | undefined, cursor: Cursor | null): Query {
  const params: unknown[] = [...scope.experimentIds];
  let missing = '';
  if (o) {
    missing = ` AND NOT EXISTS (SELECT 1 FROM ${sortTable(o)} o WHERE o.run_pk = r.run_pk AND o.key = ?${usable(o)})`;
    params.push(o.key);
  }
  let seek = '';
  if (cursor && cursor.length > 1) {
    const [, startTime, runId] = cursor;
    if (typeof startTime !== 'number' || typeof runId !== 'string') throw badCursor();
    seek = ' AND r.start_time <= ? AND (r.start_time < ? OR r.run_id > ?)';
    params.push(startTime, startTime, runId);
  }
  // With candidates, `+` keeps SQLite from walking runs_by_experiment instead of looking them up.
  const [lead, leadParams] = scope.driver ? [`r.run_pk IN (${scope.driver.sql}) AND +r.experiment_id`, scope.driver.params] : ['r.experiment_id', []];
  return {
    segment: 'b',
    sql: `SELECT r.* FROM runs r
      WHERE ${lead} IN (${inList(scope.experimentIds)}) AND ${scope.lifecycleSql}${missing}${seek} AND ${scope.where.sql}
      ORDER BY r.start_time DESC, r.run_id ASC LIMIT ?`,
    params: [...leadParams, ...params, ...scope.where.params],
  };
}

/** The queries a page runs, in order (also what the query-plan tests inspect). */
export function keysetQueries(scope: SearchScope, order: readonly OrderClause[], cursor: Cursor | null): Query[] {
  const o = order[0];
  if (!o) return [defaultSegment(scope, undefined, cursor)];
  if (cursor && cursor[0] === 'b') return [defaultSegment(scope, o, cursor)];
  if (cursor && cursor[0] !== 'a') throw badCursor();
  return [sortedSegment(scope, o, cursor), defaultSegment(scope, o, null)];
}

/** One page of up to `limit` rows and the cursor of the next page (null at the end). */
export function keysetPage(
  db: Db,
  scope: SearchScope,
  order: readonly OrderClause[],
  cursor: Cursor | null,
  limit: number,
): { rows: RunRow[]; next: Cursor | null } {
  const found: Array<{ row: RunRow & { sort_value?: unknown }; segment: 'a' | 'b' }> = [];
  for (const query of keysetQueries(scope, order, cursor)) {
    const wanted = limit + 1 - found.length;
    if (wanted <= 0) break;
    const rows = db.prepare(query.sql).all(...query.params, wanted) as Array<RunRow & { sort_value?: unknown }>;
    for (const row of rows) found.push({ row, segment: query.segment });
  }
  const page = found.slice(0, limit);
  const rows = page.map(({ row }) => {
    const { sort_value: _sortValue, ...run } = row;
    return run as RunRow;
  });
  if (found.length <= limit) return { rows, next: null };
  const last = page.at(-1)!;
  const next: Cursor =
    last.segment === 'a'
      ? ['a', toJson(last.row.sort_value), last.row.start_time, last.row.run_id]
      : ['b', last.row.start_time, last.row.run_id];
  return { rows, next };
}
