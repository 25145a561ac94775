import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { migrations } from '../../../main/db/migrations';

/** An in-memory database at schema `version`, the one before the step under test. */
function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
}

describe('migrations 8 and 9: run search indexes, experiment run counts', () => {
  it("gives existing params and latest metrics their run's experiment and lists each experiment's keys", () => {
    const db = databaseAt(7);
    db.exec(`
      INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) VALUES (5, 'eeg', '', 0, 0);
      INSERT INTO runs (run_pk, run_id, experiment_id, status, start_time, artifact_uri) VALUES
        (1, 'a', 5, 'FINISHED', 1, ''), (2, 'b', 5, 'FINISHED', 2, ''), (3, 'c', 0, 'FINISHED', 3, '');
      INSERT INTO params (run_pk, key, value) VALUES (1, 'lr', '0.1'), (2, 'lr', '0.2'), (2, 'model', 'eegnet'), (3, 'seed', '1');
      INSERT INTO metric_series (run_pk, key, value, is_nan, timestamp, step, point_count) VALUES
        (1, 'acc', 0.5, 0, 0, 0, 1), (2, 'acc', 0.7, 0, 0, 0, 1), (3, 'loss', 1.5, 0, 0, 0, 1);
    `);
    migrate(db, migrations);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare('SELECT run_pk, key, experiment_id FROM params ORDER BY run_pk, key').all()).toEqual([
      { run_pk: 1, key: 'lr', experiment_id: 5 },
      { run_pk: 2, key: 'lr', experiment_id: 5 },
      { run_pk: 2, key: 'model', experiment_id: 5 },
      { run_pk: 3, key: 'seed', experiment_id: 0 },
    ]);
    expect(db.prepare('SELECT run_pk, experiment_id FROM metric_series ORDER BY run_pk').all()).toEqual([
      { run_pk: 1, experiment_id: 5 },
      { run_pk: 2, experiment_id: 5 },
      { run_pk: 3, experiment_id: 0 },
    ]);
    expect(db.prepare('SELECT * FROM experiment_param_keys ORDER BY experiment_id, key').all()).toEqual([
      { experiment_id: 0, key: 'seed' },
      { experiment_id: 5, key: 'lr' },
      { experiment_id: 5, key: 'model' },
    ]);
    expect(db.prepare('SELECT * FROM experiment_metric_keys ORDER BY experiment_id, key').all()).toEqual([
      { experiment_id: 0, key: 'loss' },
      { experiment_id: 5, key: 'acc' },
    ]);
  });

  it('counts the active runs of each experiment, then keeps the counts as runs come, go and come back', () => {
    const db = databaseAt(8);
    db.exec(`
      INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) VALUES (5, 'eeg', '', 0, 0);
      INSERT INTO runs (run_pk, run_id, experiment_id, status, start_time, artifact_uri, lifecycle_stage) VALUES
        (1, 'a', 5, 'FINISHED', 1, '', 'active'), (2, 'b', 5, 'FINISHED', 2, '', 'active'), (3, 'c', 5, 'FINISHED', 3, '', 'deleted');
    `);
    migrate(db, migrations);
    const count = (): unknown => db.prepare('SELECT active_runs FROM experiment_run_counts WHERE experiment_id = 5').pluck().get();
    expect(count()).toBe(2);
    db.exec("INSERT INTO runs (run_pk, run_id, experiment_id, status, start_time, artifact_uri) VALUES (4, 'd', 5, 'RUNNING', 4, '')");
    expect(count()).toBe(3);
    db.exec("UPDATE runs SET lifecycle_stage = 'deleted' WHERE run_pk = 1");
    expect(count()).toBe(2);
    db.exec("UPDATE runs SET lifecycle_stage = 'active' WHERE run_pk = 3");
    expect(count()).toBe(3);
    db.exec("UPDATE runs SET status = 'FINISHED' WHERE run_pk = 4");
    expect(count()).toBe(3);
    db.exec('DELETE FROM runs WHERE run_pk IN (1, 2)');
    expect(count()).toBe(2);
    expect(db.prepare('SELECT count(*) FROM runs WHERE experiment_id = 5 AND lifecycle_stage = ?').pluck().get('active')).toBe(2);
  });
});
