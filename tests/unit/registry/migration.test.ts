import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { migrations } from '../../../main/db/migrations';
import { tempDir } from '../../support/temp-dir';

describe('migration 4 (registry)', () => {
  it('adds the registry to a database at schema 3 without touching its runs, with a backup first', () => {
    const dir = tempDir();
    const file = path.join(dir, 'neuroops.db');
    const before = openDatabase(file, { migrations: migrations.slice(0, 3) }).db;
    before.prepare(`INSERT INTO runs (run_id, experiment_id, status, start_time, artifact_uri) VALUES ('r1', 0, 'FINISHED', 1, 'mlflow-artifacts:/0/r1/artifacts')`).run();
    closeDatabase(before);

    const { db, migration } = openDatabase(file, { migrations: migrations.slice(0, 4), backupDir: path.join(dir, 'backups') });
    try {
      expect(migration).toMatchObject({ from: 3, to: 4 });
      expect(migration.backupPath).not.toBeNull();
      expect(db.prepare('SELECT run_id FROM runs').all()).toEqual([{ run_id: 'r1' }]);
      const tables = db.prepare("SELECT name FROM pragma_table_list WHERE name IN ('registered_models', 'model_versions', 'model_aliases', 'model_transitions', 'registered_model_tags', 'model_version_tags') AND strict = 1").all();
      expect(tables).toHaveLength(6);
      // The history of one model is read by its index, not by scanning every transition.
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM model_transitions WHERE model_pk = 1 ORDER BY transition_id DESC').all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toContain('model_transitions_by_model');
    } finally {
      closeDatabase(db);
    }
  });

  it('keeps a gate whole (metric and direction together) and stages and statuses to their known values', () => {
    const { db } = openDatabase(path.join(tempDir(), 'neuroops.db'));
    try {
      const insert = db.prepare('INSERT INTO registered_models (name, creation_time, last_updated_time, gate_metric, gate_direction) VALUES (?, 1, 1, ?, ?)');
      expect(() => insert.run('half-gate', 'acc', null)).toThrow(/CHECK/);
      expect(() => insert.run('bad-direction', 'acc', 'sideways')).toThrow(/CHECK/);
      insert.run('m', 'acc', 'higher');
      expect(() =>
        db.prepare(`INSERT INTO model_versions (model_pk, version, source, status, current_stage, creation_time, last_updated_time) VALUES (1, 1, 's', 'READY', 'Live', 1, 1)`).run(),
      ).toThrow(/CHECK/);
    } finally {
      closeDatabase(db);
    }
  });
});
