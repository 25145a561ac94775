import type { Comparison, OrderClause } from './filter-parser';

/** A WHERE or ORDER BY fragment over `runs r`, with its bound values in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const ATTRIBUTE_COLUMNS: Record<string, string> = {
  run_id: 'r.run_id',
  run_name: 'r.name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  lifecycle_stage: 'r.lifecycle_stage',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
};

/**
 * MLflow's LIKE is case-sensitive and SQLite's is not, so LIKE becomes GLOB (which is)
 * with its own wildcards: % → *, _ → ?, and GLOB's special characters made literal.
 */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '%') out += '*';
    else if (ch === '_') out += '?';
    else if (ch === '*' || ch === '?' || ch === '[') out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

/** `column OP ?` for a string comparison, with LIKE and ILIKE translated for SQLite. */
function stringTest(column: string, op: Comparison['op'], value: string): SqlFragment {
  if (op === 'LIKE') return { sql: `${column} GLOB ?`, params: [likeToGlob(value)] };
  // SQLite's LIKE folds ASCII case, which is ILIKE.
  if (op === 'ILIKE') return { sql: `${column} LIKE ?`, params: [value] };
  return { sql: `${column} ${op} ?`, params: [value] };
}

function keyValueTest(table: 'params' | 'run_tags', c: Comparison): SqlFragment {
  const exists = `EXISTS (SELECT 1 FROM ${table} x WHERE x.run_pk = r.run_pk AND x.key = ?`;
  if (c.op === 'IS NULL') return { sql: `NOT ${exists})`, params: [c.key] };
  if (c.op === 'IS NOT NULL') return { sql: `${exists})`, params: [c.key] };
  const test = stringTest('x.value', c.op, c.value as string);
  return { sql: `${exists} AND ${test.sql})`, params: [c.key, ...test.params] };
}

function comparisonSql(c: Comparison): SqlFragment {
  switch (c.kind) {
    case 'metric':
      // NaN never satisfies a comparison, as in IEEE arithmetic.
      return {
        sql: `EXISTS (SELECT 1 FROM metric_series m WHERE m.run_pk = r.run_pk AND m.key = ? AND m.is_nan = 0 AND m.value ${c.op} ?)`,
        params: [c.key, c.value],
      };
    case 'param':
      return keyValueTest('params', c);
    case 'tag':
      return keyValueTest('run_tags', c);
    case 'attribute': {
      const column = ATTRIBUTE_COLUMNS[c.key]!;
      if (c.op === 'IN' || c.op === 'NOT IN') {
        const list = c.value as string[];
        return { sql: `${column} ${c.op} (${list.map(() => '?').join(', ')})`, params: list };
      }
      if (c.op === 'IS NULL' || c.op === 'IS NOT NULL') return { sql: `${column} ${c.op}`, params: [] };
      if (typeof c.value === 'number') return { sql: `${column} ${c.op} ?`, params: [c.value] };
      return stringTest(column, c.op, c.value as string);
    }
  }
}

export function whereSql(comparisons: readonly Comparison[]): SqlFragment {
  const parts = comparisons.map(comparisonSql);
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND ') || '1', params: parts.flatMap((p) => p.params) };
}

function orderExpression(o: OrderClause): SqlFragment {
  switch (o.kind) {
    case 'metric':
      return { sql: '(SELECT CASE WHEN m.is_nan THEN NULL ELSE m.value END FROM metric_series m WHERE m.run_pk = r.run_pk AND m.key = ?)', params: [o.key] };
    case 'param':
      return { sql: '(SELECT x.value FROM params x WHERE x.run_pk = r.run_pk AND x.key = ?)', params: [o.key] };
    case 'tag':
      return { sql: '(SELECT x.value FROM run_tags x WHERE x.run_pk = r.run_pk AND x.key = ?)', params: [o.key] };
    case 'attribute':
      return { sql: ATTRIBUTE_COLUMNS[o.key]!, params: [] };
  }
}

/** ORDER BY the clauses, runs missing a key last, then MLflow's default: newest first, then run id. */
export function orderSql(clauses: readonly OrderClause[]): SqlFragment {
  const parts = clauses.map((o) => {
    const expr = orderExpression(o);
    return { sql: `${expr.sql} ${o.descending ? 'DESC' : 'ASC'} NULLS LAST`, params: expr.params };
  });
  parts.push({ sql: 'r.start_time DESC, r.run_id ASC', params: [] });
  return { sql: parts.map((p) => p.sql).join(', '), params: parts.flatMap((p) => p.params) };
}
