import type { Db } from '../../../db/database';
import type { Comparison } from './filter-parser';
import type { SqlFragment } from './run-search-sql';

/**
 * Below this many candidate runs, a search starts from the filter's most selective clause
 * (looks those runs up and sorts them) instead of walking the order key's index: reading
 * and sorting 2,000 rows costs a few milliseconds, while a walk in order may read most of
 * the experiment before it finds a page of rare matches.
 */
export const DRIVER_MAX_RUNS = 2000;

interface Candidate extends SqlFragment {
  /** Counts the clause's rows, stopping past DRIVER_MAX_RUNS. */
  count: SqlFragment;
}

/** The run_pk subquery of a clause an index answers directly (equality on a param or tag, run_id IN). */
function candidateOf(c: Comparison, experimentIds: number[]): Candidate | null {
  const ids = experimentIds.map(() => '?').join(',');
  let sql: string;
  let params: unknown[];
  if (c.kind === 'param' && c.op === '=') {
    sql = `SELECT run_pk FROM params WHERE experiment_id IN (${ids}) AND key = ? AND value = ?`;
    params = [...experimentIds, c.key, c.value];
  } else if (c.kind === 'tag' && c.op === '=') {
    sql = 'SELECT run_pk FROM run_tags WHERE key = ? AND value = ?';
    params = [c.key, c.value];
  } else if (c.kind === 'attribute' && c.key === 'run_id' && c.op === 'IN') {
    const list = c.value as string[];
    sql = `SELECT run_pk FROM runs WHERE run_id IN (${list.map(() => '?').join(',')})`;
    params = list;
  } else {
    return null;
  }
  return { sql, params, count: { sql: `SELECT count(*) FROM (${sql} LIMIT ${DRIVER_MAX_RUNS + 1})`, params } };
}

/**
 * The candidate runs of the filter's most selective indexed clause, when there are at most
 * DRIVER_MAX_RUNS of them; otherwise undefined (walk the order instead). Each count reads
 * at most DRIVER_MAX_RUNS + 1 index entries.
 */
export function selectiveDriver(db: Db, experimentIds: number[], comparisons: readonly Comparison[]): SqlFragment | undefined {
  let best: { fragment: SqlFragment; count: number } | undefined;
  for (const c of comparisons) {
    const candidate = candidateOf(c, experimentIds);
    if (!candidate) continue;
    const count = db.prepare(candidate.count.sql).pluck().get(...candidate.count.params) as number;
    if (count <= DRIVER_MAX_RUNS && (!best || count < best.count)) best = { fragment: { sql: candidate.sql, params: candidate.params }, count };
  }
  return best?.fragment;
}
