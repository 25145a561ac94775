import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { migrations } from '../../../main/db/migrations';

describe('migration 10: sync state', () => {
  it('adds the sync tables beside existing runs, gives the workstation an installation id, and forgets a remote whole', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 9));
    db.exec(`INSERT INTO runs (run_pk, run_id, experiment_id, status, start_time, artifact_uri) VALUES (1, 'a', 0, 'FINISHED', 1, '')`);
    migrate(db, migrations.slice(0, 10));
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT run_id FROM runs').all()).toEqual([{ run_id: 'a' }]);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name LIKE 'sync_%' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    expect(tables.map((t) => t.name)).toEqual(['sync_artifacts', 'sync_experiments', 'sync_metric_marks', 'sync_models', 'sync_pulls', 'sync_remotes', 'sync_runs', 'sync_settings', 'sync_versions']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/);
    expect((db.prepare("SELECT value FROM sync_settings WHERE key = 'installation_id'").get() as { value: string }).value).toMatch(/^[0-9a-f]{32}$/);

    db.exec(`
      INSERT INTO sync_remotes (remote_pk, uri, created_time) VALUES (1, 'http://mlflow.lab', 0);
      INSERT INTO sync_runs (remote_pk, run_id, remote_run_id, state, updated_time) VALUES (1, 'a', 'r', 'synced', 0);
      INSERT INTO sync_metric_marks (remote_pk, run_id, key, points, last_rowid) VALUES (1, 'a', 'loss', 3, 3);
    `);
    expect(() => db.exec("INSERT INTO sync_runs (remote_pk, run_id, state, updated_time) VALUES (1, 'b', 'done', 0)")).toThrow(/CHECK/);
    db.exec('DELETE FROM sync_remotes WHERE remote_pk = 1');
    expect(db.prepare('SELECT count(*) AS n FROM sync_runs').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM sync_metric_marks').get()).toEqual({ n: 0 });
  });
});
