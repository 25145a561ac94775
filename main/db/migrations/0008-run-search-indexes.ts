import type { Migration } from '../migrate';

/**
 * Run search at lab scale (100,000 runs and more): the filter and the order walk indexes
 * instead of every run of the experiment.
 *
 * - `metric_series` (the latest value of each metric) and `params` carry their run's
 *   experiment, so `(experiment_id, key, value)` is one index range: an order by a metric
 *   reads the runs in order and stops after a page, and a `params.x = 'v'` clause finds
 *   its runs directly. A run never changes experiment, so the copy cannot go stale.
 * - `experiment_metric_keys` / `experiment_param_keys` list the keys ever logged in an
 *   experiment (the column chooser), kept up to date on log instead of aggregated per call.
 *
 * Existing rows are filled from `runs` here; on the 100,000-run bench database this step's
 * time is recorded in bench/README.md.
 */
export const runSearchIndexes: Migration = {
  version: 8,
  name: 'run search indexes',
  up(db) {
    db.exec(`
      ALTER TABLE metric_series ADD COLUMN experiment_id INTEGER NOT NULL DEFAULT -1;
      UPDATE metric_series SET experiment_id = (SELECT r.experiment_id FROM runs r WHERE r.run_pk = metric_series.run_pk);
      DROP INDEX metric_series_by_key;
      CREATE INDEX metric_series_by_experiment_key_value ON metric_series (experiment_id, key, is_nan, value, run_pk);

      ALTER TABLE params ADD COLUMN experiment_id INTEGER NOT NULL DEFAULT -1;
      UPDATE params SET experiment_id = (SELECT r.experiment_id FROM runs r WHERE r.run_pk = params.run_pk);
      CREATE INDEX params_by_experiment_key_value ON params (experiment_id, key, value);

      CREATE TABLE experiment_metric_keys (
        experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        PRIMARY KEY (experiment_id, key)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO experiment_metric_keys SELECT DISTINCT experiment_id, key FROM metric_series;

      CREATE TABLE experiment_param_keys (
        experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        PRIMARY KEY (experiment_id, key)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO experiment_param_keys SELECT DISTINCT experiment_id, key FROM params;
    `);
  },
};
