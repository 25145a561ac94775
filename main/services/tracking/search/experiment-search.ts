import type { Db } from '../../../db/database';
import { invalid } from '../../../core/app-error';
import type { ExperimentRow, ExperimentStore } from '../experiment-store';
import { LIMITS } from '../limits';
import { decodePageToken, encodePageToken } from '../page-token';
import { VIEW_TYPES, type Experiment, type Page, type ViewType } from '../types';
import { parseFilter, parseOrderByList, type AttributeTable, type Comparison, type OrderClause } from './filter-parser';
import { likeToGlob, type SqlFragment } from './run-search-sql';

export interface SearchExperimentsInput {
  filter?: string;
  viewType?: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

const EXPERIMENT_ATTRIBUTES: AttributeTable = {
  name: { name: 'name', numeric: false },
  experiment_id: { name: 'experiment_id', numeric: false },
  creation_time: { name: 'creation_time', numeric: true },
  last_update_time: { name: 'last_update_time', numeric: true },
};

const LIFECYCLE_BY_VIEW: Record<ViewType, string> = {
  ACTIVE_ONLY: "e.lifecycle_stage = 'active'",
  DELETED_ONLY: "e.lifecycle_stage = 'deleted'",
  ALL: '1',
};

function valueTest(column: string, c: Comparison): SqlFragment {
  if (c.op === 'IN' || c.op === 'NOT IN') {
    const list = c.value as string[];
    return { sql: `${column} ${c.op} (${list.map(() => '?').join(',')})`, params: list };
  }
  if (c.op === 'IS NULL' || c.op === 'IS NOT NULL') return { sql: `${column} ${c.op}`, params: [] };
  if (c.op === 'LIKE') return { sql: `${column} GLOB ?`, params: [likeToGlob(c.value as string)] };
  if (c.op === 'ILIKE') return { sql: `${column} LIKE ?`, params: [c.value] };
  return { sql: `${column} ${c.op} ?`, params: [c.value] };
}

function comparisonSql(c: Comparison): SqlFragment {
  if (c.kind === 'attribute') return valueTest(`e.${c.key}`, c);
  if (c.op === 'IS NULL') return { sql: 'NOT EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ?)', params: [c.key] };
  const test = c.op === 'IS NOT NULL' ? { sql: '1', params: [] } : valueTest('t.value', c);
  return {
    sql: `EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ? AND ${test.sql})`,
    params: [c.key, ...test.params],
  };
}

function orderSql(o: OrderClause): SqlFragment {
  const direction = o.descending ? 'DESC' : 'ASC';
  if (o.kind === 'attribute') return { sql: `e.${o.key} ${direction}`, params: [] };
  return { sql: `(SELECT t.value FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ?) ${direction} NULLS LAST`, params: [o.key] };
}

/** experiments/search: the filter grammar over experiment attributes (name, times) and tags. */
export function searchExperiments(db: Db, store: ExperimentStore, input: SearchExperimentsInput): Page<Experiment> {
  const viewType = input.viewType ?? 'ACTIVE_ONLY';
  if (!VIEW_TYPES.includes(viewType)) throw invalid(`view_type must be one of ${VIEW_TYPES.join(', ')}.`);
  const maxResults = input.maxResults ?? 1000;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIMITS.maxSearchResults) {
    throw invalid(`max_results must be an integer from 1 to ${LIMITS.maxSearchResults}; got ${maxResults}.`);
  }
  const comparisons = parseFilter(input.filter, EXPERIMENT_ATTRIBUTES);
  const wrongKind = comparisons.find((c) => c.kind === 'metric' || c.kind === 'param');
  if (wrongKind) throw invalid(`Experiments have no ${wrongKind.kind}s: filter on name, creation_time, last_update_time or tags.`);
  const orders = parseOrderByList(input.orderBy, EXPERIMENT_ATTRIBUTES);
  if (orders.some((o) => o.kind === 'metric' || o.kind === 'param')) throw invalid('Experiments can be ordered by name, times, experiment_id or tags only.');
  const where = comparisons.map(comparisonSql);
  const order = [...orders.map(orderSql), { sql: 'e.last_update_time DESC, e.experiment_id ASC', params: [] }];
  const query = JSON.stringify(['experiments', input.filter ?? '', viewType, input.orderBy ?? []]);
  const offset = decodePageToken(input.pageToken, query);
  const sql = `SELECT e.* FROM experiments e WHERE ${LIFECYCLE_BY_VIEW[viewType]}
    ${where.map((w) => `AND (${w.sql})`).join(' ')}
    ORDER BY ${order.map((o) => o.sql).join(', ')} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(...where.flatMap((w) => w.params), ...order.flatMap((o) => o.params), maxResults + 1, offset);
  const items = (rows as ExperimentRow[]).slice(0, maxResults).map((row) => store.toExperiment(row));
  return rows.length > maxResults ? { items, nextPageToken: encodePageToken(offset + maxResults, query) } : { items };
}
