import type { Migration } from '../migrate';

/**
 * Setting, changing or removing a model's promotion gate is recorded in its trail, as a
 * `gate` transition: who loosened the rule a promotion was checked against matters as
 * much as who promoted. SQLite cannot change a CHECK constraint in place, so the table is
 * rebuilt with the same columns and indexes, its rows copied as they are.
 */
export const gateChangesInTrail: Migration = {
  version: 7,
  name: 'gate changes in the model trail',
  up(db) {
    db.exec(`
      CREATE TABLE model_transitions_with_gates (
        transition_id INTEGER PRIMARY KEY,
        model_pk INTEGER REFERENCES registered_models (model_pk) ON DELETE SET NULL,
        model_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('promote', 'rollback', 'stage', 'alias', 'delete', 'gate')),
        from_version INTEGER,
        to_version INTEGER,
        from_stage TEXT,
        to_stage TEXT,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        details_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      INSERT INTO model_transitions_with_gates SELECT * FROM model_transitions;
      DROP TABLE model_transitions;
      ALTER TABLE model_transitions_with_gates RENAME TO model_transitions;
      CREATE INDEX model_transitions_by_model ON model_transitions (model_pk, transition_id);
      CREATE INDEX model_transitions_by_name ON model_transitions (model_name, transition_id);
    `);
  },
};
