import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { migrations } from '../../../main/db/migrations';
import { fingerprintAsPushed } from '../../../main/db/migrations/0014-run-change-stamps';
import { runOverview, runStatuses } from '../../../main/services/sync/sync-status';
import { SyncStore } from '../../../main/services/sync/sync-store';

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

describe('migration 14: run change stamps', () => {
  it('keeps runs pushed before it synced, a run changed since its push pending, and a failed run failed', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 13));
    db.exec(`
      INSERT INTO runs (run_pk, run_id, experiment_id, name, status, start_time, artifact_uri) VALUES
        (1, 'same', 0, 'a', 'FINISHED', 1, ''), (2, 'changed', 0, 'b', 'FINISHED', 2, ''), (3, 'refused', 0, 'c', 'FINISHED', 3, ''), (4, 'never', 0, 'd', 'RUNNING', 4, '');
      INSERT INTO params (run_pk, key, value, experiment_id) VALUES (1, 'lr', '0.1', 0), (2, 'lr', '0.2', 0);
      INSERT INTO run_tags (run_pk, key, value) VALUES (1, 'team', 'a'), (2, 'team', 'b');
      INSERT INTO metric_series (run_pk, key, value, is_nan, timestamp, step, point_count, experiment_id) VALUES (1, 'loss', 0.5, 0, 1, 3, 4, 0), (2, 'loss', 0.5, 0, 1, 3, 4, 0);
      INSERT INTO sync_remotes (remote_pk, uri, created_time) VALUES (1, 'http://mlflow.lab', 0), (2, 'http://other.lab', 0);
    `);
    // As the sync of migrations 10–13 left them: the fingerprint of each run at its push.
    const pushed = db.prepare("INSERT INTO sync_runs (remote_pk, run_id, remote_run_id, state, fingerprint, error_code, updated_time) VALUES (?, ?, 'r', ?, ?, ?, 0)");
    for (const runId of ['same', 'changed']) pushed.run(1, runId, 'synced', fingerprintAsPushed(db, runId), null);
    pushed.run(2, 'same', 'synced', 'a digest of an older state', null);
    pushed.run(1, 'refused', 'failed', fingerprintAsPushed(db, 'refused'), 'INVALID_PARAMETER_VALUE');
    db.exec("UPDATE metric_series SET point_count = 5 WHERE run_pk = 2");

    migrate(db, migrations.slice(0, 14));
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    const store = new SyncStore(db);
    const states = (pk: number) => Object.fromEntries([...runStatuses(db, store, pk, ['same', 'changed', 'refused', 'never'])].map(([id, s]) => [id, s.state]));
    expect(states(1)).toEqual({ same: 'synced', changed: 'pending', refused: 'failed', never: 'pending' });
    expect(states(2)).toEqual({ same: 'pending', changed: 'pending', refused: 'pending', never: 'pending' });
    expect(runOverview(db, 1, 10).counts).toEqual({ synced: 1, pending: 2, failed: 1 });

    // From here on the triggers keep the stamp: the run synced before the migration turns pending when it changes.
    db.exec("INSERT INTO run_tags (run_pk, key, value) VALUES (1, 'site', 'oslo')");
    expect(states(1).same).toBe('pending');
    // Removing a run takes its stamp with it.
    db.exec('DELETE FROM runs WHERE run_pk = 1');
    expect(db.prepare('SELECT count(*) AS n FROM run_change_stamps WHERE run_pk = 1').get()).toEqual({ n: 0 });
  });
});
