import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { migrations } from '../../../main/db/migrations';
import { tempDir } from '../../support/temp-dir';
import { openRegistry, type RegistryFixture } from './support';

let fx: RegistryFixture;
afterEach(() => fx?.close());

describe('the audit trail outlives deleted models', () => {
  it('keeps a deleted model’s transitions and records the deletion: who, when, why, what was in production', async () => {
    fx = openRegistry({ actor: 'dr.lee' });
    await fx.registerVersion('sleep', { accuracy: 0.8 });
    await fx.registerVersion('sleep', { accuracy: 0.9 });
    fx.registry.promote({ name: 'sleep', version: 1, reason: 'baseline' });
    fx.registry.promote({ name: 'sleep', version: 2, reason: 'better' });
    const before = Date.now();
    fx.registry.deleteModel('sleep', { actor: 'dr.kim', reason: 'study closed' });

    const audit = fx.registry.audit({ name: 'sleep', limit: 100 });
    expect(audit.map((t) => `${t.kind} ${t.fromVersion}->${t.toVersion} by ${t.actor}`)).toEqual([
      'delete 2->null by dr.kim',
      'promote 1->2 by dr.lee',
      'promote null->1 by dr.lee',
    ]);
    expect(audit.every((t) => t.name === 'sleep' && t.modelDeleted)).toBe(true);
    expect(audit[0]).toMatchObject({ reason: 'study closed' });
    expect(audit[0]!.at).toBeGreaterThanOrEqual(before);
    expect(audit[1]!.metrics).toEqual({ from: { accuracy: 0.8 }, to: { accuracy: 0.9 } });
  });

  it('keeps a reused name’s new model apart from the deleted one, and says by default how many versions went', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', { accuracy: 0.7 });
    fx.registry.promote({ name: 'm', version: 1, reason: 'old model' });
    fx.registry.deleteModel('m');
    await fx.registerVersion('m', { accuracy: 0.95 });
    fx.registry.promote({ name: 'm', version: 1, reason: 'new model' });

    expect(fx.registry.history('m').map((t) => t.reason)).toEqual(['new model']);
    const audit = fx.registry.audit({ name: 'm', limit: 100 });
    expect(audit.map((t) => [t.reason, t.modelDeleted])).toEqual([
      ['new model', false],
      ['Model deleted with its 1 version', true],
      ['old model', true],
    ]);
    expect(fx.registry.audit({ limit: 2 })).toHaveLength(2);
  });

  it('shows a renamed model’s transitions under its name now, and a deleted one’s under its name then', async () => {
    fx = openRegistry();
    await fx.registerVersion('draft', { accuracy: 0.8 });
    fx.registry.promote({ name: 'draft', version: 1, reason: 'first' });
    fx.registry.renameModel('draft', 'final');
    expect(fx.registry.audit({ name: 'final', limit: 10 }).map((t) => t.name)).toEqual(['final']);
    fx.registry.deleteModel('final');
    expect(fx.registry.audit({ name: 'final', limit: 10 }).map((t) => [t.kind, t.name])).toEqual([['delete', 'final']]);
    expect(fx.registry.audit({ name: 'draft', limit: 10 }).map((t) => [t.kind, t.name])).toEqual([['promote', 'draft']]);
  });
});

describe('migration 6 (model audit)', () => {
  it('keeps every stored transition with its model’s name, and unlinks instead of deleting from then on', () => {
    const file = path.join(tempDir(), 'neuroops.db');
    const before = openDatabase(file, { migrations: migrations.slice(0, 5) });
    before.db.exec(`
      INSERT INTO registered_models (model_pk, name, creation_time, last_updated_time) VALUES (1, 'eeg', 1, 1);
      INSERT INTO model_transitions (model_pk, kind, from_version, to_version, actor, at, reason) VALUES
        (1, 'promote', NULL, 1, 'a', 10, 'first'), (1, 'rollback', 2, 1, 'b', 20, 'oops');
    `);
    closeDatabase(before.db);

    const after = openDatabase(file);
    expect(after.migration).toMatchObject({ from: 5, to: migrations.length });
    const rows = () => after.db.prepare('SELECT model_pk, model_name, kind, reason FROM model_transitions ORDER BY transition_id').all();
    expect(rows()).toEqual([
      { model_pk: 1, model_name: 'eeg', kind: 'promote', reason: 'first' },
      { model_pk: 1, model_name: 'eeg', kind: 'rollback', reason: 'oops' },
    ]);
    after.db.prepare('DELETE FROM registered_models WHERE model_pk = 1').run();
    expect(rows()).toEqual([
      { model_pk: null, model_name: 'eeg', kind: 'promote', reason: 'first' },
      { model_pk: null, model_name: 'eeg', kind: 'rollback', reason: 'oops' },
    ]);
    expect(after.db.pragma('foreign_key_check')).toEqual([]);
    closeDatabase(after.db);
  });
});
