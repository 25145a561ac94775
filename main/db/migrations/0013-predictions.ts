import type { Migration } from '../migrate';

/**
 * Prediction jobs and their recordings' results. A job row is written when it starts
 * (validated, model resolved) and its results, with one audit record per recording, in
 * one transaction when it ends, so a failed or cancelled job leaves no results. The
 * partial unique index refuses a second live job on the same dataset (the sha256 of its
 * files) with the same model version: the database, not a check in code, holds that rule.
 */
export const predictions: Migration = {
  version: 13,
  name: 'predictions',
  up(db) {
    db.exec(`
      CREATE TABLE prediction_jobs (
        id TEXT PRIMARY KEY,
        flow_run_id TEXT,
        run_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        error_json TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        user TEXT NOT NULL,
        upload_id TEXT,
        dataset_name TEXT NOT NULL,
        dataset_path TEXT NOT NULL,
        dataset_sha256 TEXT NOT NULL,
        model_name TEXT NOT NULL,
        model_version INTEGER NOT NULL,
        model_alias TEXT,
        onnx_sha256 TEXT NOT NULL,
        spec_hash TEXT NOT NULL,
        recordings_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX prediction_jobs_by_time ON prediction_jobs (created_at DESC);
      CREATE UNIQUE INDEX prediction_jobs_one_live ON prediction_jobs (dataset_sha256, model_name, model_version)
        WHERE state IN ('queued', 'running');
      CREATE TABLE prediction_results (
        job_id TEXT NOT NULL REFERENCES prediction_jobs (id),
        idx INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        label TEXT,
        probabilities_json TEXT,
        quality_json TEXT,
        flags_json TEXT NOT NULL,
        error_json TEXT,
        features_json TEXT,
        audit_seq INTEGER,
        PRIMARY KEY (job_id, idx)
      ) STRICT;
      CREATE INDEX prediction_results_by_label ON prediction_results (label);
    `);
  },
};
