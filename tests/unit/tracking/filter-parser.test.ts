import { describe, expect, it } from 'vitest';
import { parseFilter, parseOrderBy } from '../../../main/services/tracking/search/filter-parser';
import { likeToGlob } from '../../../main/services/tracking/search/run-search-sql';

function errorOf(action: () => unknown): { code?: string; message: string } {
  try {
    action();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the filter to be refused');
}

describe('parseFilter', () => {
  it('reads every prefix, operator and value kind joined by AND', () => {
    expect(
      parseFilter(
        "metrics.acc >= 0.9 and params.model = 'eegnet' AND tags.`data set` LIKE 'bnci%' AND attributes.status != \"FAILED\" " +
          "AND attributes.run_id IN ('a', 'b') AND run.run_id NOT IN ('c') AND param.lr ILIKE '%E-3' AND metric.loss < -1.5e-2 " +
          'AND attributes.start_time > 1700000000000 AND tags.reviewed IS NULL AND tags.owner IS NOT NULL',
      ),
    ).toEqual([
      { kind: 'metric', key: 'acc', op: '>=', value: 0.9 },
      { kind: 'param', key: 'model', op: '=', value: 'eegnet' },
      { kind: 'tag', key: 'data set', op: 'LIKE', value: 'bnci%' },
      { kind: 'attribute', key: 'status', op: '!=', value: 'FAILED' },
      { kind: 'attribute', key: 'run_id', op: 'IN', value: ['a', 'b'] },
      { kind: 'attribute', key: 'run_id', op: 'NOT IN', value: ['c'] },
      { kind: 'param', key: 'lr', op: 'ILIKE', value: '%E-3' },
      { kind: 'metric', key: 'loss', op: '<', value: -0.015 },
      { kind: 'attribute', key: 'start_time', op: '>', value: 1700000000000 },
      { kind: 'tag', key: 'reviewed', op: 'IS NULL' },
      { kind: 'tag', key: 'owner', op: 'IS NOT NULL' },
    ]);
  });

  it('keeps dots and special characters of backticked and dotted keys', () => {
    expect(parseFilter('metrics.val.loss < 1 AND tags.`mlflow.parentRunId` = \'x\' AND params."my key" = \'it\'\'s\'')).toEqual([
      { kind: 'metric', key: 'val.loss', op: '<', value: 1 },
      { kind: 'tag', key: 'mlflow.parentRunId', op: '=', value: 'x' },
      { kind: 'param', key: 'my key', op: '=', value: "it's" },
    ]);
  });

  it('accepts bare attribute names and an empty filter', () => {
    expect(parseFilter("run_name = 'a' AND created > 5")).toEqual([
      { kind: 'attribute', key: 'run_name', op: '=', value: 'a' },
      { kind: 'attribute', key: 'start_time', op: '>', value: 5 },
    ]);
    expect(parseFilter('  ')).toEqual([]);
  });

  const malformed: Array<[string, number, string]> = [
    ['metrics.acc > ', 15, 'compare it with a number'],
    ["metrics.acc > 'high'", 15, 'compare it with a number'],
    ['params.lr > 0.1', 11, 'cannot compare'],
    ['params.lr = 0.1', 13, 'quoted string'],
    ["accuracy > 1", 1, 'needs a prefix'],
    ["metrics.a > 1 OR metrics.b > 1", 15, 'OR is not supported'],
    ["metrics.a > 1 metrics.b > 1", 15, 'expected AND'],
    ["params.a = 'open", 12, 'never closed'],
    ["attributes.colour = 'x'", 1, 'not a run attribute'],
    ["params.a IN ('x')", 10, 'works only on ids'],
    ["attributes.run_id IN ('a' 'b')", 27, 'expected "," or ")"'],
    ["metrics.a ~ 1", 11, 'unexpected character'],
  ];
  it.each(malformed)('refuses %j at position %i', (filter, position, hint) => {
    const error = errorOf(() => parseFilter(filter));
    expect(error.code).toBe('INVALID_PARAMETER_VALUE');
    expect(error.message).toContain(`at position ${position}`);
    expect(error.message).toContain(hint);
  });
});

describe('parseOrderBy', () => {
  it('reads a key and a direction', () => {
    expect(parseOrderBy('metrics.`val loss` DESC')).toEqual({ kind: 'metric', key: 'val loss', descending: true });
    expect(parseOrderBy('params.lr')).toEqual({ kind: 'param', key: 'lr', descending: false });
    expect(parseOrderBy('attributes.start_time asc')).toEqual({ kind: 'attribute', key: 'start_time', descending: false });
  });

  it('refuses trailing words', () => {
    expect(errorOf(() => parseOrderBy('metrics.a DESC extra')).message).toContain('at position 16');
  });
});

describe('likeToGlob', () => {
  it('translates wildcards and makes GLOB specials literal', () => {
    expect(likeToGlob('a%b_c*d?[e')).toBe('a*b?c[*]d[?][[]e');
  });
});
