import type { Migration } from '../migrate';

/**
 * The registry's audit trail outlives the models it is about. Deleting a registered model
 * used to delete its transitions with it (ON DELETE CASCADE), so the record of what had
 * been in production, and who put it there, went with the model. Now:
 *
 * - `model_pk` is set to NULL when its model is deleted, and `model_name` keeps the name
 *   the model had when each transition was recorded, so the rows stay readable;
 * - a `delete` transition records the deletion itself: who, when, and what was in
 *   production then.
 */
export const modelAuditOutlivesModels: Migration = {
  version: 6,
  name: 'model audit outlives models',
  up(db) {
    db.exec(`
      CREATE TABLE model_transitions_kept (
        transition_id INTEGER PRIMARY KEY,
        model_pk INTEGER REFERENCES registered_models (model_pk) ON DELETE SET NULL,
        model_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('promote', 'rollback', 'stage', 'alias', 'delete')),
        from_version INTEGER,
        to_version INTEGER,
        from_stage TEXT,
        to_stage TEXT,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        details_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      INSERT INTO model_transitions_kept
        SELECT t.transition_id, t.model_pk, m.name, t.kind, t.from_version, t.to_version, t.from_stage, t.to_stage,
               t.actor, t.at, t.reason, t.details_json
        FROM model_transitions t JOIN registered_models m ON m.model_pk = t.model_pk;
      DROP TABLE model_transitions;
      ALTER TABLE model_transitions_kept RENAME TO model_transitions;
      CREATE INDEX model_transitions_by_model ON model_transitions (model_pk, transition_id);
      CREATE INDEX model_transitions_by_name ON model_transitions (model_name, transition_id);
    `);
  },
};
