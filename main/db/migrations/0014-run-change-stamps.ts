import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate';

/**
 * A per-run change stamp, so sync status compares two integers per run instead of
 * hashing every run (4 s at 100,000 runs).
 *
 * - `run_change_stamps`: the stamp of each run, raised by triggers on every change sync
 *   pushes: the run's name, status, end time and lifecycle stage; a param, tag, metric
 *   series (its point count) or artifact added, changed or removed. A run without a row
 *   has stamp 0. Writes that change nothing (a tag set to its own value) leave it alone.
 * - `sync_runs.pushed_stamp`: the stamp read before the run's last successful push; the
 *   run is synced while it equals the current one. An edit made while the push is under
 *   way raises the stamp past it, so the run shows pending afterwards.
 *
 * Backfill: every run starts at stamp 0, and a run recorded as synced gets pushed stamp 0
 * only if the fingerprint kept by its push still matches the run (the digest sync used
 * until now, frozen here), so a synced tracker stays synced and a changed run stays pending.
 */
export const runChangeStamps: Migration = {
  version: 14,
  name: 'run change stamps',
  up(db) {
    db.exec(`
      CREATE TABLE run_change_stamps (
        run_pk INTEGER PRIMARY KEY REFERENCES runs (run_pk) ON DELETE CASCADE,
        stamp INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE sync_runs ADD COLUMN pushed_stamp INTEGER;
    `);
    const bump = (runPk: string): string =>
      `INSERT INTO run_change_stamps (run_pk, stamp) VALUES (${runPk}, 1) ON CONFLICT (run_pk) DO UPDATE SET stamp = stamp + 1;`;
    db.exec(`
      CREATE TRIGGER run_stamp_on_run AFTER UPDATE OF name, status, end_time, lifecycle_stage ON runs
        WHEN OLD.name IS NOT NEW.name OR OLD.status IS NOT NEW.status OR OLD.end_time IS NOT NEW.end_time OR OLD.lifecycle_stage IS NOT NEW.lifecycle_stage
        BEGIN ${bump('NEW.run_pk')} END;
    `);
    const children: Array<{ table: string; change: string }> = [
      { table: 'params', change: 'OLD.value IS NOT NEW.value' },
      { table: 'run_tags', change: 'OLD.value IS NOT NEW.value' },
      { table: 'metric_series', change: 'OLD.point_count IS NOT NEW.point_count' },
      { table: 'run_artifacts', change: 'OLD.sha256 IS NOT NEW.sha256' },
    ];
    for (const { table, change } of children) {
      db.exec(`
        CREATE TRIGGER run_stamp_on_${table}_insert AFTER INSERT ON ${table} BEGIN ${bump('NEW.run_pk')} END;
        CREATE TRIGGER run_stamp_on_${table}_update AFTER UPDATE ON ${table} WHEN ${change} OR OLD.run_pk IS NOT NEW.run_pk BEGIN ${bump('NEW.run_pk')} END;
        CREATE TRIGGER run_stamp_on_${table}_delete AFTER DELETE ON ${table} BEGIN
          INSERT INTO run_change_stamps (run_pk, stamp) SELECT OLD.run_pk, 1 WHERE EXISTS (SELECT 1 FROM runs WHERE run_pk = OLD.run_pk)
            ON CONFLICT (run_pk) DO UPDATE SET stamp = stamp + 1;
        END;
      `);
    }
    backfillPushedStamps(db);
  },
};

function backfillPushedStamps(db: Database.Database): void {
  const synced = db.prepare<[], { remote_pk: number; run_id: string; fingerprint: string }>(
    "SELECT remote_pk, run_id, fingerprint FROM sync_runs WHERE state = 'synced' AND fingerprint IS NOT NULL",
  );
  const mark = db.prepare('UPDATE sync_runs SET pushed_stamp = 0 WHERE remote_pk = ? AND run_id = ?');
  const fingerprint = fingerprintReader(db);
  const current = new Map<string, string | null>();
  for (const row of synced.all()) {
    if (!current.has(row.run_id)) current.set(row.run_id, fingerprint(row.run_id));
    if (current.get(row.run_id) === row.fingerprint) mark.run(row.remote_pk, row.run_id);
  }
}

/** The run digest of migrations 10–13's sync, as its pushes recorded it. */
export function fingerprintAsPushed(db: Database.Database, runId: string): string | null {
  return fingerprintReader(db)(runId);
}

/** fingerprintAsPushed with its statement prepared once, for the backfill's many runs. */
function fingerprintReader(db: Database.Database): (runId: string) => string | null {
  const statement = db.prepare<[string], { info: string; params: string; tags: string | null; metrics: string | null; artifacts: string | null }>(
      `SELECT r.name || '|' || r.status || '|' || ifnull(r.end_time, '') || '|' || r.lifecycle_stage AS info,
         (SELECT count(*) || ':' || total(length(key) + length(value)) FROM params WHERE run_pk = r.run_pk) AS params,
         (SELECT group_concat(key || '=' || value, char(31)) FROM (SELECT key, value FROM run_tags WHERE run_pk = r.run_pk ORDER BY key)) AS tags,
         (SELECT group_concat(key || ':' || point_count, char(31)) FROM (SELECT key, point_count FROM metric_series WHERE run_pk = r.run_pk ORDER BY key)) AS metrics,
         (SELECT group_concat(path || '@' || sha256, char(31)) FROM (SELECT path, sha256 FROM run_artifacts WHERE run_pk = r.run_pk ORDER BY path)) AS artifacts
       FROM runs r WHERE r.run_id = ?`,
  );
  return (runId) => {
    const row = statement.get(runId);
    if (!row) return null;
    return crypto.createHash('sha256').update(JSON.stringify([row.info, row.params, row.tags, row.metrics, row.artifacts])).digest('hex');
  };
}
