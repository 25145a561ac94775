import type { Db } from '../../db/database';
import { sha256Hex } from '../registry/canonical-json';
import { SYSTEM_TAGS } from '../tracking/types';

/**
 * What sync reads straight from the tracker's tables: which runs exist, the change stamp
 * of each (has anything changed since the last push?), and metric points in
 * insertion order, which is the order watermarks count in.
 */

export interface LocalSeries {
  key: string;
  seriesId: number;
  pointCount: number;
}

export interface LocalPoint {
  rowid: number;
  key: string;
  step: number;
  timestamp: number;
  value: number;
  isNan: boolean;
}

export const sha256 = (text: string): string => sha256Hex(text);

/** Active runs of active experiments, optionally one experiment's, oldest first. */
export function activeRunIds(db: Db, experimentId?: string): string[] {
  const where = experimentId === undefined ? '' : 'AND r.experiment_id = ?';
  const args = experimentId === undefined ? [] : [Number(experimentId)];
  return db
    .prepare<unknown[], { run_id: string }>(
      `SELECT r.run_id FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id
       WHERE r.lifecycle_stage = 'active' AND e.lifecycle_stage = 'active' ${where} ORDER BY r.start_time, r.run_pk`,
    )
    .all(...args)
    .map((r) => r.run_id);
}

export function parentOf(db: Db, runId: string): string | null {
  return (
    db
      .prepare<[string, string], { value: string }>('SELECT t.value FROM run_tags t JOIN runs r ON r.run_pk = t.run_pk WHERE r.run_id = ? AND t.key = ?')
      .get(runId, SYSTEM_TAGS.parentRunId)?.value ?? null
  );
}

/**
 * The runs with every ancestor they name (a nested run's parent must exist remotely
 * first), parents before children, each once. An ancestor missing locally is skipped.
 */
export function withAncestors(db: Db, runIds: readonly string[]): string[] {
  const exists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM runs WHERE run_id = ?');
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (runId: string, depth: number): void => {
    if (seen.has(runId) || depth > 100 || !exists.get(runId)) return;
    seen.add(runId);
    const parent = parentOf(db, runId);
    if (parent) visit(parent, depth + 1);
    ordered.push(runId);
  };
  for (const runId of runIds) visit(runId, 0);
  return ordered;
}

/**
 * The change stamp of each run (migration 14): raised by triggers whenever anything sync
 * pushes of the run changes, 0 for a run never changed since it was created. A run whose
 * stamp equals the one recorded at its last push has nothing new.
 */
export function runStamps(db: Db, runIds: readonly string[]): Map<string, number> {
  const stampOf = 'SELECT r.run_id, ifnull(c.stamp, 0) AS stamp FROM runs r LEFT JOIN run_change_stamps c ON c.run_pk = r.run_pk';
  // A page of runs is looked up one by one; a longer list reads every run's stamp in one go.
  if (runIds.length > 1000) {
    const all = new Map(db.prepare<[], { run_id: string; stamp: number }>(stampOf).all().map((r) => [r.run_id, r.stamp]));
    return new Map(runIds.flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : [])));
  }
  const query = db.prepare<[string], { run_id: string; stamp: number }>(`${stampOf} WHERE r.run_id = ?`);
  return new Map(runIds.flatMap((id) => query.get(id) ?? []).map((r) => [r.run_id, r.stamp]));
}

export function metricSeries(db: Db, runId: string): LocalSeries[] {
  return db
    .prepare<[string], { key: string; series_id: number; point_count: number }>(
      'SELECT s.key, s.series_id, s.point_count FROM metric_series s JOIN runs r ON r.run_pk = s.run_pk WHERE r.run_id = ? ORDER BY s.key',
    )
    .all(runId)
    .map((r) => ({ key: r.key, seriesId: r.series_id, pointCount: r.point_count }));
}

/** Up to `limit` points of a series logged after `afterRowid`, in the order they were logged. */
export function pointsAfter(db: Db, series: LocalSeries, afterRowid: number, limit: number): LocalPoint[] {
  return db
    .prepare<[number, number, number], { rowid: number; step: number; timestamp: number; value: number; is_nan: number }>(
      'SELECT rowid, step, timestamp, value, is_nan FROM metric_points WHERE series_id = ? AND rowid > ? ORDER BY rowid LIMIT ?',
    )
    .all(series.seriesId, afterRowid, limit)
    .map((r) => ({ rowid: r.rowid, key: series.key, step: r.step, timestamp: r.timestamp, value: r.value, isNan: r.is_nan === 1 }));
}

/** How many points of a series were logged up to and including `rowid`. */
export function countThrough(db: Db, seriesId: number, rowid: number): number {
  return db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM metric_points WHERE series_id = ? AND rowid <= ?').get(seriesId, rowid)!.n;
}

/** The rowid of the `count`-th point of a series in insertion order (0 for none). */
export function rowidAtCount(db: Db, seriesId: number, count: number): number {
  if (count <= 0) return 0;
  return (
    db.prepare<[number, number], { rowid: number }>('SELECT rowid FROM metric_points WHERE series_id = ? ORDER BY rowid LIMIT 1 OFFSET ?').get(seriesId, count - 1)?.rowid ?? 0
  );
}

export function runArtifacts(db: Db, runId: string): Array<{ path: string; sha256: string; size: number }> {
  return db
    .prepare<[string], { path: string; sha256: string; size: number }>(
      'SELECT a.path, a.sha256, a.size FROM run_artifacts a JOIN runs r ON r.run_pk = a.run_pk WHERE r.run_id = ? ORDER BY a.path',
    )
    .all(runId);
}
