import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { migrations } from '../../../main/db/migrations';
import { tempDir } from '../../support/temp-dir';
import { openRegistry } from './support';

describe('promotion gate changes in the trail', () => {
  it('records setting, changing and removing a gate, with who and what was in production; not a repeat', async () => {
    const fx = openRegistry({ actor: 'ana' });
    await fx.registerVersion('clf', { accuracy: 0.8 });
    fx.registry.promote({ name: 'clf', version: 1, reason: 'first' });
    fx.registry.setGate('clf', { metric: 'accuracy', direction: 'higher' }, { actor: 'bea' });
    fx.registry.setGate('clf', { metric: 'accuracy', direction: 'higher' }, { actor: 'bea' });
    fx.registry.setGate('clf', { metric: 'loss', direction: 'lower' });
    fx.registry.setGate('clf', null, { actor: 'carl' });
    fx.registry.setGate('clf', null, { actor: 'carl' });

    const gates = fx.registry.history('clf').filter((t) => t.kind === 'gate');
    expect(gates.map((t) => [t.actor, t.reason, t.fromVersion, t.toVersion])).toEqual([
      ['carl', 'Promotion gate removed (was loss, lower is better)', 1, 1],
      ['ana', 'Promotion gate changed from accuracy, higher is better to loss, lower is better', 1, 1],
      ['bea', 'Promotion gate set: accuracy, higher is better', 1, 1],
    ]);
    expect(fx.registry.audit({ name: 'clf', limit: 10 }).filter((t) => t.kind === 'gate')).toHaveLength(3);
    // A gate change is not a promotion: rollback still goes to what was in production before.
    await fx.registerVersion('clf', { accuracy: 0.9 });
    fx.registry.promote({ name: 'clf', version: 2, reason: 'better' });
    expect(fx.registry.rollback({ name: 'clf', reason: 'undo' }).version.version).toBe(1);
  });

  it('migration 7 keeps every recorded transition, deleted models\' included', () => {
    const dir = tempDir();
    const file = path.join(dir, 'neuroops.db');
    const before = openDatabase(file, { migrations: migrations.slice(0, 6) }).db;
    before.prepare(`INSERT INTO registered_models (name, creation_time, last_updated_time) VALUES ('m', 1, 1)`).run();
    before.prepare(`INSERT INTO model_transitions (model_pk, model_name, kind, from_version, to_version, actor, at, reason) VALUES (1, 'm', 'promote', NULL, 1, 'ana', 5, 'why')`).run();
    before.prepare(`INSERT INTO model_transitions (model_pk, model_name, kind, from_version, to_version, actor, at, reason) VALUES (NULL, 'gone', 'delete', 2, NULL, 'bea', 6, 'bye')`).run();
    const rowsBefore = before.prepare('SELECT * FROM model_transitions ORDER BY transition_id').all();
    closeDatabase(before);

    const { db, migration } = openDatabase(file, { migrations: migrations.slice(0, 7) });
    try {
      expect(migration).toMatchObject({ from: 6, to: 7 });
      expect(db.prepare('SELECT * FROM model_transitions ORDER BY transition_id').all()).toEqual(rowsBefore);
      db.prepare(`INSERT INTO model_transitions (model_pk, model_name, kind, actor, at) VALUES (1, 'm', 'gate', 'ana', 7)`).run();
      expect(() => db.prepare(`INSERT INTO model_transitions (model_pk, model_name, kind, actor, at) VALUES (1, 'm', 'bogus', 'ana', 8)`).run()).toThrow(/CHECK/);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'model_transitions' ORDER BY name").all();
      expect(indexes).toEqual([{ name: 'model_transitions_by_model' }, { name: 'model_transitions_by_name' }]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });
});
