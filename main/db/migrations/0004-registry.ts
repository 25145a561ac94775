import type { Migration } from '../migrate';

/**
 * The model registry, shaped after MLflow's so MLflow clients and sync map one to one,
 * plus what MLflow lacks: an audit trail of every change to what is in production.
 *
 * - Versions are numbered per model from `next_version`, which only grows: a deleted
 *   version's number is never handed out again, so "version 3" always means one model.
 * - A version names its source run and the artifact path of its model directory inside
 *   that run; `signature_json` and `spec_hash` are read from that directory when the
 *   version is created, so a later change to the run cannot change what was registered.
 * - `model_transitions` is append-only: promotions, rollbacks, stage changes and moves of
 *   the `production` alias, each with who, when, from, to, why and the metrics of both
 *   versions at that moment (`details_json`).
 * - The promotion gate (a metric and whether higher or lower is better) lives on the
 *   registered model; a promotion that fails it needs an override reason.
 */
export const registry: Migration = {
  version: 4,
  name: 'registry',
  up(db) {
    db.exec(`
      CREATE TABLE registered_models (
        model_pk INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        creation_time INTEGER NOT NULL,
        last_updated_time INTEGER NOT NULL,
        next_version INTEGER NOT NULL DEFAULT 1,
        gate_metric TEXT,
        gate_direction TEXT CHECK (gate_direction IN ('higher', 'lower')),
        CHECK ((gate_metric IS NULL) = (gate_direction IS NULL))
      ) STRICT;

      CREATE TABLE registered_model_tags (
        model_pk INTEGER NOT NULL REFERENCES registered_models (model_pk) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (model_pk, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE model_versions (
        model_pk INTEGER NOT NULL REFERENCES registered_models (model_pk) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        source TEXT NOT NULL,
        run_id TEXT,
        artifact_path TEXT,
        run_link TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        user_id TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY')),
        status_message TEXT NOT NULL DEFAULT '',
        current_stage TEXT NOT NULL DEFAULT 'None' CHECK (current_stage IN ('None', 'Staging', 'Production', 'Archived')),
        signature_json TEXT,
        spec_hash TEXT,
        model_sha256 TEXT,
        creation_time INTEGER NOT NULL,
        last_updated_time INTEGER NOT NULL,
        PRIMARY KEY (model_pk, version)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX model_versions_by_run ON model_versions (run_id);
      CREATE INDEX model_versions_by_stage ON model_versions (model_pk, current_stage);

      CREATE TABLE model_version_tags (
        model_pk INTEGER NOT NULL,
        version INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (model_pk, version, key),
        FOREIGN KEY (model_pk, version) REFERENCES model_versions (model_pk, version) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE model_aliases (
        model_pk INTEGER NOT NULL,
        alias TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (model_pk, alias),
        FOREIGN KEY (model_pk, version) REFERENCES model_versions (model_pk, version) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE model_transitions (
        transition_id INTEGER PRIMARY KEY,
        model_pk INTEGER NOT NULL REFERENCES registered_models (model_pk) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('promote', 'rollback', 'stage', 'alias')),
        from_version INTEGER,
        to_version INTEGER,
        from_stage TEXT,
        to_stage TEXT,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        details_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX model_transitions_by_model ON model_transitions (model_pk, transition_id);
    `);
  },
};
