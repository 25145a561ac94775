import fs from 'node:fs';
import type { Db } from './database';

/** One table with its indexes: bytes on disk (from SQLite's dbstat) and rows. */
export interface TableSize {
  table: string;
  rows: number;
  tableBytes: number;
  indexBytes: number;
}

export interface DbStats {
  file: string;
  /** The database file plus its write-ahead log. */
  fileBytes: number;
  walBytes: number;
  /** Pages freed by deletions and not yet returned to the file system (`neuroops db vacuum` does). */
  freeBytes: number;
  tables: TableSize[];
  metricPoints: { count: number; bytesPerPoint: number | null; rawBytesPerPoint: number };
  runs: { count: number; bytesPerRun: number | null; rawBytesPerRun: number | null };
}

/**
 * The least a metric point can take: a key id (4 bytes), the value (8), the step (8) and
 * the timestamp (8). Stored points also carry their series and a NaN flag, plus an index.
 */
export const RAW_BYTES_PER_POINT = 28;

/** Tables a run's own record, params, tags and latest metrics live in (the history is counted per point). */
const RUN_TABLES = ['runs', 'params', 'run_tags', 'metric_series', 'run_inputs'];

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Size per table (with its indexes) and the tracker's bytes per metric point and per run. */
export function dbStats(db: Db): DbStats {
  const file = db.name;
  const sizeOf = (f: string): number => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const freePages = db.pragma('freelist_count', { simple: true }) as number;
  const objects = db
    .prepare<[], { name: string; table: string; type: string; bytes: number }>(
      `SELECT s.name AS name, coalesce(m.tbl_name, s.name) AS "table", coalesce(m.type, 'table') AS type, s.pgsize AS bytes
         FROM dbstat AS s LEFT JOIN sqlite_schema AS m ON m.name = s.name
        WHERE s.aggregate = TRUE`,
    )
    .all();
  const byTable = new Map<string, TableSize>();
  for (const o of objects) {
    const entry = byTable.get(o.table) ?? { table: o.table, rows: 0, tableBytes: 0, indexBytes: 0 };
    if (o.type === 'index') entry.indexBytes += o.bytes;
    else entry.tableBytes += o.bytes;
    byTable.set(o.table, entry);
  }
  for (const entry of byTable.values()) {
    entry.rows = db.prepare(`SELECT count(*) FROM ${quoteIdent(entry.table)}`).pluck().get() as number;
  }
  const tables = [...byTable.values()].sort((a, b) => b.tableBytes + b.indexBytes - (a.tableBytes + a.indexBytes));
  const bytesOf = (names: string[]): number =>
    names.reduce((sum, name) => sum + (byTable.get(name)?.tableBytes ?? 0) + (byTable.get(name)?.indexBytes ?? 0), 0);
  const points = byTable.get('metric_points')?.rows ?? 0;
  const runs = byTable.get('runs')?.rows ?? 0;
  return {
    file,
    fileBytes: sizeOf(file),
    walBytes: sizeOf(`${file}-wal`),
    freeBytes: freePages * pageSize,
    tables,
    metricPoints: {
      count: points,
      bytesPerPoint: points > 0 ? bytesOf(['metric_points', 'metric_rollups']) / points : null,
      rawBytesPerPoint: RAW_BYTES_PER_POINT,
    },
    runs: {
      count: runs,
      bytesPerRun: runs > 0 ? bytesOf(RUN_TABLES) / runs : null,
      rawBytesPerRun: runs > 0 ? rawRunBytes(db) / runs : null,
    },
  };
}

/**
 * The least a run's own data can take: its id (16 bytes), start and end times (16), the
 * text of its params and tags (keys and values, as UTF-8), and per latest metric a raw
 * point (key id, value, step, timestamp).
 */
function rawRunBytes(db: Db): number {
  const text = (table: string): number =>
    (db.prepare(`SELECT coalesce(sum(length(CAST(key AS BLOB)) + length(CAST(value AS BLOB))), 0) FROM ${table}`).pluck().get() as number);
  const runs = db.prepare('SELECT count(*) FROM runs').pluck().get() as number;
  const latest = db.prepare('SELECT count(*) FROM metric_series').pluck().get() as number;
  return runs * 32 + text('params') + text('run_tags') + latest * RAW_BYTES_PER_POINT;
}

/** Rewrites the database without its free pages; answers the bytes before and after. */
export function vacuumDb(db: Db): { beforeBytes: number; afterBytes: number } {
  const size = (): number => fs.statSync(db.name).size + (fs.existsSync(`${db.name}-wal`) ? fs.statSync(`${db.name}-wal`).size : 0);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const beforeBytes = size();
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { beforeBytes, afterBytes: size() };
}
