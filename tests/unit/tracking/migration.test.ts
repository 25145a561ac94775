import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { appMeta } from '../../../main/db/migrations/0001-app-meta';
import { tracking } from '../../../main/db/migrations/0002-tracking';

function atVersion1Then2(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [appMeta]);
  db.prepare("INSERT INTO app_meta (key, value) VALUES ('seeded', 'before tracking')").run();
  migrate(db, [appMeta, tracking]);
  return db;
}

const plan = (db: Database.Database, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

describe('migration 2: tracking', () => {
  it('keeps data of version 1, makes STRICT tables and the Default experiment', () => {
    const db = atVersion1Then2();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT value FROM app_meta WHERE key = 'seeded'").pluck().get()).toBe('before tracking');
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; strict: number }>;
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    expect(db.prepare('SELECT experiment_id, name FROM experiments').all()).toEqual([{ experiment_id: 0, name: 'Default' }]);
  });

  it('lets a name be taken twice only when one of the experiments is deleted', () => {
    const db = atVersion1Then2();
    const insert = db.prepare("INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES ('x', '', ?, 0, 0)");
    insert.run('active');
    expect(() => insert.run('active')).toThrow(/UNIQUE/);
    expect(() => insert.run('deleted')).not.toThrow();
  });

  it('answers the hot queries from indexes', () => {
    const db = atVersion1Then2();
    expect(plan(db, "SELECT * FROM runs r WHERE r.experiment_id IN (1) AND r.lifecycle_stage = 'active' ORDER BY r.start_time DESC")).toContain('USING INDEX runs_by_experiment');
    expect(plan(db, 'SELECT value FROM metric_series WHERE run_pk = ? AND key = ?', 1, 'acc')).toMatch(/USING INDEX sqlite_autoindex_metric_series/);
    expect(plan(db, 'SELECT step, value FROM metric_points WHERE series_id = ? ORDER BY step', 1)).toContain('USING INDEX metric_points_by_series_step');
    expect(plan(db, 'SELECT * FROM metric_rollups WHERE series_id = ? ORDER BY block', 1)).toContain('USING PRIMARY KEY');
    expect(plan(db, 'SELECT value FROM params WHERE run_pk = ? AND key = ?', 1, 'lr')).toContain('USING PRIMARY KEY');
    expect(plan(db, 'SELECT 1 FROM run_artifacts WHERE sha256 = ?', 'ab')).toContain('USING COVERING INDEX run_artifacts_by_blob');
  });

  it("cascades a run's removal to its data", () => {
    const db = atVersion1Then2();
    db.prepare("INSERT INTO runs (run_id, experiment_id, status, start_time, artifact_uri) VALUES ('r', 0, 'RUNNING', 0, '')").run();
    const runPk = db.prepare("SELECT run_pk FROM runs WHERE run_id = 'r'").pluck().get();
    db.prepare("INSERT INTO metric_series (run_pk, key, value, is_nan, timestamp, step, point_count) VALUES (?, 'm', 1, 0, 0, 0, 1)").run(runPk);
    db.prepare("INSERT INTO params (run_pk, key, value) VALUES (?, 'p', 'v')").run(runPk);
    db.prepare('DELETE FROM runs WHERE run_pk = ?').run(runPk);
    expect(db.prepare('SELECT (SELECT count(*) FROM metric_series) + (SELECT count(*) FROM params)').pluck().get()).toBe(0);
  });
});
