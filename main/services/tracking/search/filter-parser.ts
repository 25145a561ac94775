import { invalid } from '../../../core/app-error';
import { LIMITS } from '../limits';
import { filterError, tokenize, type Token } from './filter-tokens';

export type EntityKind = 'metric' | 'param' | 'tag' | 'attribute';
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

export interface Comparison {
  kind: EntityKind;
  key: string;
  op: ComparisonOp;
  /** A number for metrics and numeric attributes, strings for IN lists, else a string; absent for IS [NOT] NULL. */
  value?: number | string | string[];
}

export interface OrderClause {
  kind: EntityKind;
  key: string;
  descending: boolean;
}

const PREFIXES: Record<string, EntityKind> = {
  metric: 'metric', metrics: 'metric',
  param: 'param', params: 'param', parameter: 'param', parameters: 'param',
  tag: 'tag', tags: 'tag',
  attribute: 'attribute', attributes: 'attribute', attr: 'attribute', run: 'attribute',
};

/** Attributes of a run, by the names MLflow accepts, mapped to their canonical name. */
export type AttributeTable = Record<string, { name: string; numeric: boolean }>;

export const RUN_ATTRIBUTES: AttributeTable = {
  run_id: { name: 'run_id', numeric: false },
  run_name: { name: 'run_name', numeric: false },
  status: { name: 'status', numeric: false },
  user_id: { name: 'user_id', numeric: false },
  artifact_uri: { name: 'artifact_uri', numeric: false },
  lifecycle_stage: { name: 'lifecycle_stage', numeric: false },
  start_time: { name: 'start_time', numeric: true },
  created: { name: 'start_time', numeric: true },
  end_time: { name: 'end_time', numeric: true },
};

const NUMERIC_OPS: ComparisonOp[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_OPS: ComparisonOp[] = ['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'];

class Cursor {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    readonly text: string,
    readonly source: string,
    readonly attributes: AttributeTable,
  ) {}
  peek(): Token {
    return this.tokens[this.index]!;
  }
  next(): Token {
    return this.tokens[this.index++]!;
  }
  fail(token: Token, message: string): never {
    throw filterError(this.source, this.text, token.position, message);
  }
  describe(token: Token): string {
    return token.kind === 'end' ? 'the end of the text' : `"${token.text}"`;
  }
}

function readEntity(cursor: Cursor): { kind: EntityKind; key: string; token: Token } {
  const token = cursor.next();
  if (token.kind !== 'identifier') {
    cursor.fail(token, `expected a key such as metrics.accuracy, params.lr, tags.\`my tag\` or attributes.status, but found ${cursor.describe(token)}.`);
  }
  const parts = token.parts!;
  const prefix = PREFIXES[parts[0]!.toLowerCase()];
  if (prefix && parts.length > 1) {
    const key = parts.slice(1).join('.');
    if (prefix === 'attribute') {
      const attribute = cursor.attributes[key.toLowerCase()];
      if (!attribute) cursor.fail(token, `"${key}" is not a run attribute; use one of ${Object.keys(cursor.attributes).join(', ')}.`);
      return { kind: 'attribute', key: attribute.name, token };
    }
    return { kind: prefix, key, token };
  }
  // A bare attribute name (run_name, status, …) is accepted as MLflow does for a few of them.
  const attribute = parts.length === 1 ? cursor.attributes[parts[0]!.toLowerCase()] : undefined;
  if (attribute) return { kind: 'attribute', key: attribute.name, token };
  return cursor.fail(token, `"${token.text}" needs a prefix: metrics., params., tags. or attributes. (put a key with special characters in backticks).`);
}

function readOperator(cursor: Cursor): { op: ComparisonOp; token: Token } {
  const token = cursor.next();
  if (token.kind === 'operator') return { op: token.text as ComparisonOp, token };
  if (token.kind === 'keyword') {
    if (token.text === 'LIKE' || token.text === 'ILIKE' || token.text === 'IN') return { op: token.text, token };
    if (token.text === 'NOT') {
      const after = cursor.next();
      if (after.kind === 'keyword' && after.text === 'IN') return { op: 'NOT IN', token };
      cursor.fail(after, `expected IN after NOT, but found ${cursor.describe(after)}.`);
    }
    if (token.text === 'IS') {
      let after = cursor.next();
      let negated = false;
      if (after.kind === 'keyword' && after.text === 'NOT') {
        negated = true;
        after = cursor.next();
      }
      if (after.kind === 'keyword' && after.text === 'NULL') return { op: negated ? 'IS NOT NULL' : 'IS NULL', token };
      cursor.fail(after, `expected NULL, but found ${cursor.describe(after)}.`);
    }
  }
  return cursor.fail(token, `expected a comparison (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN), but found ${cursor.describe(token)}.`);
}

function readStringList(cursor: Cursor): string[] {
  const open = cursor.next();
  if (open.kind !== 'lparen') cursor.fail(open, `expected "(" to start the list of values, but found ${cursor.describe(open)}.`);
  const values: string[] = [];
  for (;;) {
    const item = cursor.next();
    if (item.kind !== 'string') cursor.fail(item, `expected a quoted value in the list, but found ${cursor.describe(item)}.`);
    values.push(item.text);
    if (values.length > LIMITS.maxFilterListValues) cursor.fail(item, `a list may hold at most ${LIMITS.maxFilterListValues} values.`);
    const sep = cursor.next();
    if (sep.kind === 'rparen') return values;
    if (sep.kind !== 'comma') cursor.fail(sep, `expected "," or ")" in the list, but found ${cursor.describe(sep)}.`);
  }
}

function readComparison(cursor: Cursor): Comparison {
  const { kind, key, token: keyToken } = readEntity(cursor);
  const { op, token: opToken } = readOperator(cursor);
  const numeric = kind === 'metric' || (kind === 'attribute' && Object.values(cursor.attributes).some((a) => a.name === key && a.numeric));
  if (op === 'IN' || op === 'NOT IN') {
    if (!(kind === 'attribute' && key.endsWith('_id'))) cursor.fail(opToken, `${op} works only on ids, such as attributes.run_id.`);
    return { kind, key, op, value: readStringList(cursor) };
  }
  const allowed = numeric ? NUMERIC_OPS : STRING_OPS;
  if (!allowed.includes(op)) {
    cursor.fail(opToken, `${op} cannot compare ${keyToken.text}; use one of ${allowed.join(', ')}.`);
  }
  if (op === 'IS NULL' || op === 'IS NOT NULL') return { kind, key, op };
  const valueToken = cursor.next();
  if (numeric) {
    if (valueToken.kind !== 'number') cursor.fail(valueToken, `${keyToken.text} is numeric: compare it with a number, not ${cursor.describe(valueToken)}.`);
    return { kind, key, op, value: Number(valueToken.text) };
  }
  if (valueToken.kind !== 'string') {
    cursor.fail(valueToken, `${keyToken.text} holds text: compare it with a quoted string such as '${valueToken.text || 'value'}'.`);
  }
  return { kind, key, op, value: valueToken.text };
}

/** Parses MLflow's search filter: comparisons joined by AND. An empty filter matches every run. */
export function parseFilter(filter: string | undefined | null, attributes: AttributeTable = RUN_ATTRIBUTES): Comparison[] {
  if (!filter || filter.trim() === '') return [];
  const cursor = new Cursor(tokenize(filter, 'filter'), filter, 'filter', attributes);
  const comparisons: Comparison[] = [readComparison(cursor)];
  for (;;) {
    const token = cursor.next();
    if (token.kind === 'end') return comparisons;
    if (token.kind === 'keyword' && token.text === 'AND') {
      if (comparisons.length === LIMITS.maxFilterComparisons) {
        cursor.fail(token, `a filter may join at most ${LIMITS.maxFilterComparisons} comparisons with AND; narrow it, or search in several steps.`);
      }
      comparisons.push(readComparison(cursor));
      continue;
    }
    if (token.kind === 'keyword' && token.text === 'OR') cursor.fail(token, 'OR is not supported: MLflow filters join comparisons with AND only.');
    cursor.fail(token, `expected AND or the end of the filter, but found ${cursor.describe(token)}.`);
  }
}

/** Parses one order_by clause: `metrics.loss`, `params.lr DESC`, `attributes.start_time ASC`. */
export function parseOrderBy(clause: string, attributes: AttributeTable = RUN_ATTRIBUTES): OrderClause {
  const cursor = new Cursor(tokenize(clause, 'order_by'), clause, 'order_by', attributes);
  const { kind, key } = readEntity(cursor);
  let descending = false;
  const token = cursor.next();
  if (token.kind === 'keyword' && (token.text === 'ASC' || token.text === 'DESC')) {
    descending = token.text === 'DESC';
    const end = cursor.next();
    if (end.kind !== 'end') cursor.fail(end, `expected the end of the clause after ${token.text}, but found ${cursor.describe(end)}.`);
  } else if (token.kind !== 'end') {
    cursor.fail(token, `expected ASC, DESC or the end of the clause, but found ${cursor.describe(token)}.`);
  }
  return { kind, key, descending };
}

/** Parses a search's order_by list (empty clauses skipped), at most LIMITS.maxOrderByClauses of them. */
export function parseOrderByList(clauses: readonly string[] | undefined, attributes: AttributeTable = RUN_ATTRIBUTES): OrderClause[] {
  const given = (clauses ?? []).filter((o) => o.trim() !== '');
  if (given.length > LIMITS.maxOrderByClauses) {
    throw invalid(`order_by may hold at most ${LIMITS.maxOrderByClauses} clauses; this one has ${given.length}.`);
  }
  return given.map((o) => parseOrderBy(o, attributes));
}
