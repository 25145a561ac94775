import type { Db } from '../../db/database';
import { invalid } from '../../core/app-error';
import { decodePageToken, encodePageToken } from '../tracking/page-token';
import { parseFilter, parseOrderByList, type AttributeTable, type Comparison, type OrderClause } from '../tracking/search/filter-parser';
import { likeToGlob, type SqlFragment } from '../tracking/search/run-search-sql';
import type { Page } from '../tracking/types';

/**
 * registered-models/search and model-versions/search: MLflow's filter grammar (the
 * tracker's parser) over the registry's attributes and tags, with its paging and limits.
 */
export interface RegistrySearchInput {
  filter?: string;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

interface SearchTarget {
  what: string;
  /** `SELECT … FROM … WHERE 1` over the alias `x`, with `x.model_pk` available. */
  select: string;
  attributes: AttributeTable;
  columns: Record<string, string>;
  /** The tag table and how a tag row joins `x`. */
  tags: { table: string; join: string };
  defaultOrder: string;
  defaultMaxResults: number;
  maxResultsLimit: number;
}

export const MODEL_SEARCH: SearchTarget = {
  what: 'registered models',
  select: 'SELECT x.* FROM registered_models x WHERE 1',
  attributes: {
    name: { name: 'name', numeric: false },
    creation_timestamp: { name: 'creation_timestamp', numeric: true },
    last_updated_timestamp: { name: 'last_updated_timestamp', numeric: true },
    timestamp: { name: 'last_updated_timestamp', numeric: true },
  },
  columns: { name: 'x.name', creation_timestamp: 'x.creation_time', last_updated_timestamp: 'x.last_updated_time' },
  tags: { table: 'registered_model_tags', join: 't.model_pk = x.model_pk' },
  defaultOrder: 'x.name ASC',
  defaultMaxResults: 100,
  maxResultsLimit: 1000,
};

export const VERSION_SEARCH: SearchTarget = {
  what: 'model versions',
  select: 'SELECT x.*, m.name FROM model_versions x JOIN registered_models m ON m.model_pk = x.model_pk WHERE 1',
  attributes: {
    name: { name: 'name', numeric: false },
    run_id: { name: 'run_id', numeric: false },
    source_path: { name: 'source_path', numeric: false },
    version_number: { name: 'version_number', numeric: true },
    current_stage: { name: 'current_stage', numeric: false },
    creation_timestamp: { name: 'creation_timestamp', numeric: true },
    last_updated_timestamp: { name: 'last_updated_timestamp', numeric: true },
  },
  columns: {
    name: 'm.name',
    run_id: 'x.run_id',
    source_path: 'x.source',
    version_number: 'x.version',
    current_stage: 'x.current_stage',
    creation_timestamp: 'x.creation_time',
    last_updated_timestamp: 'x.last_updated_time',
  },
  tags: { table: 'model_version_tags', join: 't.model_pk = x.model_pk AND t.version = x.version' },
  defaultOrder: 'm.name ASC, x.version DESC',
  defaultMaxResults: 200_000,
  maxResultsLimit: 200_000,
};

function valueSql(column: string, c: Comparison): SqlFragment {
  switch (c.op) {
    case 'IN':
    case 'NOT IN': {
      const list = c.value as string[];
      return { sql: `${column} ${c.op} (${list.map(() => '?').join(',')})`, params: list };
    }
    case 'IS NULL':
    case 'IS NOT NULL':
      return { sql: `${column} ${c.op}`, params: [] };
    case 'LIKE':
      return { sql: `${column} GLOB ?`, params: [likeToGlob(c.value as string)] };
    case 'ILIKE':
      // SQLite's LIKE folds ASCII case, which is ILIKE.
      return { sql: `${column} LIKE ?`, params: [c.value] };
    default:
      return { sql: `${column} ${c.op} ?`, params: [c.value] };
  }
}

function comparisonSql(target: SearchTarget, c: Comparison): SqlFragment {
  if (c.kind === 'attribute') return valueSql(target.columns[c.key]!, c);
  if (c.kind !== 'tag') throw invalid(`${target.what} have no ${c.kind}s: filter on ${Object.keys(target.columns).join(', ')} or tags.`);
  const exists = `EXISTS (SELECT 1 FROM ${target.tags.table} t WHERE ${target.tags.join} AND t.key = ?`;
  if (c.op === 'IS NULL') return { sql: `NOT ${exists})`, params: [c.key] };
  if (c.op === 'IS NOT NULL') return { sql: `${exists})`, params: [c.key] };
  const test = valueSql('t.value', c);
  return { sql: `${exists} AND ${test.sql})`, params: [c.key, ...test.params] };
}

function orderSql(target: SearchTarget, o: OrderClause): string {
  if (o.kind !== 'attribute') throw invalid(`${target.what} can be ordered by ${Object.keys(target.columns).join(', ')} only.`);
  return `${target.columns[o.key]} ${o.descending ? 'DESC' : 'ASC'}`;
}

export function searchRows<Row>(db: Db, target: SearchTarget, input: RegistrySearchInput): Page<Row> {
  const maxResults = input.maxResults ?? target.defaultMaxResults;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > target.maxResultsLimit) {
    throw invalid(`max_results must be an integer from 1 to ${target.maxResultsLimit}; got ${maxResults}.`);
  }
  const where = parseFilter(input.filter, target.attributes).map((c) => comparisonSql(target, c));
  const orders = parseOrderByList(input.orderBy, target.attributes).map((o) => orderSql(target, o));
  const query = JSON.stringify([target.what, input.filter ?? '', input.orderBy ?? []]);
  const offset = decodePageToken(input.pageToken, query);
  const sql = `${target.select} ${where.map((w) => `AND (${w.sql})`).join(' ')}
    ORDER BY ${[...orders, target.defaultOrder].join(', ')} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(...where.flatMap((w) => w.params), maxResults + 1, offset) as Row[];
  const items = rows.slice(0, maxResults);
  return rows.length > maxResults ? { items, nextPageToken: encodePageToken(offset + maxResults, query) } : { items };
}
