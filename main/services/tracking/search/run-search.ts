import type { Db } from '../../../db/database';
import { invalid } from '../../../core/app-error';
import { parseExperimentId } from '../experiment-store';
import { LIMITS } from '../limits';
import { decodeCursorToken, decodePageToken, encodeCursorToken, encodePageToken } from '../page-token';
import type { RunRow, RunStore } from '../run-store';
import type { Page, Run, ViewType } from '../types';
import { VIEW_TYPES } from '../types';
import { parseFilter, parseOrderByList } from './filter-parser';
import { keysetPage, keysetQueries, keysetSupported, type SearchScope } from './keyset-search';
import { orderSql, whereSql } from './run-search-sql';
import { selectiveDriver } from './selective-clause';

export interface SearchRunsInput {
  experimentIds: Array<string | number>;
  filter?: string;
  viewType?: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

export const DEFAULT_SEARCH_RESULTS = 1000;

const LIFECYCLE_BY_VIEW: Record<ViewType, string> = {
  ACTIVE_ONLY: "r.lifecycle_stage = 'active'",
  DELETED_ONLY: "r.lifecycle_stage = 'deleted'",
  ALL: '1',
};

/**
 * Runs search: MLflow's filter grammar compiled to SQL. No order or one metric/param order
 * pages by keyset (see keyset-search.ts); several order clauses page by offset.
 */
export class RunSearch {
  constructor(
    private readonly db: Db,
    private readonly runs: RunStore,
  ) {}

  /** Matching run rows (no data), for callers that only need infos. */
  searchRows(input: SearchRunsInput): Page<RunRow> {
    const viewType = input.viewType ?? 'ACTIVE_ONLY';
    if (!VIEW_TYPES.includes(viewType)) throw invalid(`run_view_type must be one of ${VIEW_TYPES.join(', ')}.`);
    const maxResults = input.maxResults ?? DEFAULT_SEARCH_RESULTS;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIMITS.maxSearchResults) {
      throw invalid(`max_results must be an integer from 1 to ${LIMITS.maxSearchResults}; got ${maxResults}.`);
    }
    if (input.experimentIds.length === 0) throw invalid('Name at least one experiment id to search in (experiment_ids).');
    if (input.experimentIds.length > LIMITS.maxExperimentIdsPerSearch) {
      throw invalid(`experiment_ids may name at most ${LIMITS.maxExperimentIdsPerSearch} experiments in one search; this one names ${input.experimentIds.length}.`);
    }
    const experimentIds = input.experimentIds.map(parseExperimentId);
    const comparisons = parseFilter(input.filter);
    const where = whereSql(comparisons);
    const orderClauses = parseOrderByList(input.orderBy);
    const query = JSON.stringify([experimentIds, input.filter ?? '', viewType, input.orderBy ?? []]);
    if (keysetSupported(orderClauses)) {
      const driver = selectiveDriver(this.db, experimentIds, comparisons);
      const scope: SearchScope = { experimentIds, lifecycleSql: LIFECYCLE_BY_VIEW[viewType], where, driver };
      const { rows, next } = keysetPage(this.db, scope, orderClauses, decodeCursorToken(input.pageToken, query), maxResults);
      return next ? { items: rows, nextPageToken: encodeCursorToken(next, query) } : { items: rows };
    }
    const order = orderSql(orderClauses);
    const offset = decodePageToken(input.pageToken, query);
    const sql = `SELECT r.* FROM runs r
      WHERE r.experiment_id IN (${experimentIds.map(() => '?').join(',')}) AND ${LIFECYCLE_BY_VIEW[viewType]} AND ${where.sql}
      ORDER BY ${order.sql} LIMIT ? OFFSET ?`;
    const rows = this.db.prepare(sql).all(...experimentIds, ...where.params, ...order.params, maxResults + 1, offset) as RunRow[];
    const items = rows.slice(0, maxResults);
    return rows.length > maxResults ? { items, nextPageToken: encodePageToken(offset + maxResults, query) } : { items };
  }

  search(input: SearchRunsInput): Page<Run> {
    const page = this.searchRows(input);
    return { ...page, items: this.runs.load(page.items) };
  }
}

/** SQLite's plan for each query a first page runs, one line per step (the query-plan tests read it). */
export function explainRunSearch(db: Db, input: Pick<SearchRunsInput, 'experimentIds' | 'filter' | 'orderBy'>): string[][] {
  const experimentIds = input.experimentIds.map(parseExperimentId);
  const comparisons = parseFilter(input.filter);
  const driver = selectiveDriver(db, experimentIds, comparisons);
  const scope: SearchScope = { experimentIds, lifecycleSql: LIFECYCLE_BY_VIEW.ACTIVE_ONLY, where: whereSql(comparisons), driver };
  return keysetQueries(scope, parseOrderByList(input.orderBy), null).map((q) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params, 101) as Array<{ detail: string }>).map((step) => step.detail),
  );
}
