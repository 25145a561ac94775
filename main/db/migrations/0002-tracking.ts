import type { Migration } from '../migrate';

/**
 * The run tracker, shaped after MLflow's model so MLflow clients and sync map one to one.
 *
 * - Runs have an integer `run_pk` for compact joins; `run_id` is MLflow's 32-hex uuid.
 * - Experiment names are unique among active experiments only, so a deleted experiment's
 *   name can be taken again (MLflow cannot, mlflow#2651).
 * - A metric series (run, key) row doubles as the latest-value table; its history lives
 *   in `metric_points`. NaN is kept as value 0 with `is_nan` = 1 because SQLite turns
 *   a NaN REAL into NULL; ±Inf are stored as they are.
 * - `metric_rollups` holds min/max per block of 1024 steps, kept up to date on ingest, so
 *   a chart of a million-step metric reads a thousand rows instead of a million.
 * - Artifacts are content-addressed blobs (sha256, stored once on disk) and one row per
 *   (run, path) pointing at a blob.
 */
export const tracking: Migration = {
  version: 2,
  name: 'tracking',
  up(db) {
    db.exec(`
      CREATE TABLE experiments (
        experiment_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        artifact_location TEXT NOT NULL,
        lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
        creation_time INTEGER NOT NULL,
        last_update_time INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX experiments_active_name ON experiments (name) WHERE lifecycle_stage = 'active';
      CREATE INDEX experiments_name ON experiments (name);

      CREATE TABLE experiment_tags (
        experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (experiment_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE runs (
        run_pk INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL UNIQUE,
        experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
        name TEXT NOT NULL DEFAULT '',
        user_id TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
        start_time INTEGER NOT NULL,
        end_time INTEGER,
        lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
        artifact_uri TEXT NOT NULL,
        deleted_time INTEGER
      ) STRICT;
      CREATE INDEX runs_by_experiment ON runs (experiment_id, lifecycle_stage, start_time DESC, run_id);

      CREATE TABLE params (
        run_pk INTEGER NOT NULL REFERENCES runs (run_pk) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_pk, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE run_tags (
        run_pk INTEGER NOT NULL REFERENCES runs (run_pk) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_pk, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX run_tags_by_key_value ON run_tags (key, value);

      CREATE TABLE metric_series (
        series_id INTEGER PRIMARY KEY,
        run_pk INTEGER NOT NULL REFERENCES runs (run_pk) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value REAL NOT NULL,
        is_nan INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        step INTEGER NOT NULL,
        point_count INTEGER NOT NULL,
        UNIQUE (run_pk, key)
      ) STRICT;
      CREATE INDEX metric_series_by_key ON metric_series (key, value);

      CREATE TABLE metric_points (
        series_id INTEGER NOT NULL REFERENCES metric_series (series_id) ON DELETE CASCADE,
        step INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        value REAL NOT NULL,
        is_nan INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX metric_points_by_series_step ON metric_points (series_id, step, timestamp);

      CREATE TABLE metric_rollups (
        series_id INTEGER NOT NULL REFERENCES metric_series (series_id) ON DELETE CASCADE,
        block INTEGER NOT NULL,
        point_count INTEGER NOT NULL,
        min_value REAL NOT NULL,
        min_step INTEGER NOT NULL,
        min_timestamp INTEGER NOT NULL,
        max_value REAL NOT NULL,
        max_step INTEGER NOT NULL,
        max_timestamp INTEGER NOT NULL,
        PRIMARY KEY (series_id, block)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE datasets (
        dataset_pk INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
        name TEXT NOT NULL,
        digest TEXT NOT NULL,
        source_type TEXT NOT NULL,
        source TEXT NOT NULL,
        schema TEXT,
        profile TEXT,
        UNIQUE (experiment_id, name, digest)
      ) STRICT;

      CREATE TABLE run_inputs (
        run_pk INTEGER NOT NULL REFERENCES runs (run_pk) ON DELETE CASCADE,
        dataset_pk INTEGER NOT NULL REFERENCES datasets (dataset_pk),
        tags_json TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (run_pk, dataset_pk)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE artifact_blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        created_time INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE run_artifacts (
        run_pk INTEGER NOT NULL REFERENCES runs (run_pk) ON DELETE CASCADE,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES artifact_blobs (sha256),
        size INTEGER NOT NULL,
        PRIMARY KEY (run_pk, path)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX run_artifacts_by_blob ON run_artifacts (sha256);
    `);
    // MLflow clients assume experiment 0, "Default", exists.
    const now = Date.now();
    db.prepare(
      `INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time)
       VALUES (0, 'Default', 'mlflow-artifacts:/0', ?, ?)`,
    ).run(now, now);
  },
};
