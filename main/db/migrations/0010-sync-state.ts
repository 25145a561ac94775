import crypto from 'node:crypto';
import type { Migration } from '../migrate';

/**
 * What has been pushed to which remote MLflow server, so a second sync sends only what is
 * new and an interrupted one resumes without duplicates.
 *
 * - `sync_remotes`: one row per remote tracking URI (never with credentials in it).
 * - `sync_experiments`, `sync_runs`, `sync_versions`: local id → remote id. A run row also
 *   holds its state (pending, synced, failed + reason), the fingerprint of what was last
 *   pushed, and `in_flight`: set while metric batches are on the wire, so a resume first
 *   asks the remote how many points it really has.
 * - `sync_metric_marks`: per run and metric key, how many points (in insertion order) the
 *   remote holds, and the rowid of the last one.
 * - `sync_artifacts`: which file of a run was uploaded with which content (sha256).
 * - `sync_models`: per registered model, its state and fingerprint.
 * - `sync_pulls`: model versions imported from a remote, so a second pull is a no-op.
 * - `sync_settings`: the configured remote, the auth kind, encrypted credentials (the
 *   host's keychain encrypts them; plain text never reaches this table) and the automatic
 *   interval. `installation_id` tells this workstation's model versions from another's.
 */
export const syncState: Migration = {
  version: 10,
  name: 'sync state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_remotes (
        remote_pk INTEGER PRIMARY KEY,
        uri TEXT NOT NULL UNIQUE,
        created_time INTEGER NOT NULL,
        last_push_time INTEGER,
        last_error TEXT
      ) STRICT;

      CREATE TABLE sync_experiments (
        remote_pk INTEGER NOT NULL REFERENCES sync_remotes (remote_pk) ON DELETE CASCADE,
        experiment_id TEXT NOT NULL,
        remote_experiment_id TEXT NOT NULL,
        PRIMARY KEY (remote_pk, experiment_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_runs (
        remote_pk INTEGER NOT NULL REFERENCES sync_remotes (remote_pk) ON DELETE CASCADE,
        run_id TEXT NOT NULL,
        remote_run_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'failed')),
        error_code TEXT,
        error_message TEXT,
        fingerprint TEXT,
        params_hash TEXT,
        tags_hash TEXT,
        info_hash TEXT,
        in_flight INTEGER NOT NULL DEFAULT 0,
        updated_time INTEGER NOT NULL,
        PRIMARY KEY (remote_pk, run_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_metric_marks (
        remote_pk INTEGER NOT NULL REFERENCES sync_remotes (remote_pk) ON DELETE CASCADE,
        run_id TEXT NOT NULL,
        key TEXT NOT NULL,
        points INTEGER NOT NULL,
        last_rowid INTEGER NOT NULL,
        PRIMARY KEY (remote_pk, run_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_artifacts (
        remote_pk INTEGER NOT NULL REFERENCES sync_remotes (remote_pk) ON DELETE CASCADE,
        run_id TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (remote_pk, run_id, path)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_models (
        remote_pk INTEGER NOT NULL REFERENCES sync_remotes (remote_pk) ON DELETE CASCADE,
        name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'failed')),
        error_code TEXT,
        error_message TEXT,
        fingerprint TEXT,
        updated_time INTEGER NOT NULL,
        PRIMARY KEY (remote_pk, name)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_versions (
        remote_pk INTEGER NOT NULL REFERENCES sync_remotes (remote_pk) ON DELETE CASCADE,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        remote_version TEXT NOT NULL,
        PRIMARY KEY (remote_pk, name, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_pulls (
        uri TEXT NOT NULL,
        remote_name TEXT NOT NULL,
        remote_version TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        pulled_time INTEGER NOT NULL,
        PRIMARY KEY (uri, remote_name, remote_version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
    db.prepare("INSERT INTO sync_settings (key, value) VALUES ('installation_id', ?)").run(crypto.randomUUID().replace(/-/g, ''));
  },
};
