import type { Migration } from '../migrate';

/**
 * Each experiment's number of active runs, kept by triggers on `runs` (a run created,
 * deleted or restored, or removed), so the Experiments list reads one row per experiment
 * instead of counting 100,000 runs on every refresh. The start of the latest run needs no
 * table: `runs_by_experiment` answers MAX(start_time) with one seek.
 */
export const experimentRunCounts: Migration = {
  version: 9,
  name: 'experiment run counts',
  up(db) {
    db.exec(`
      CREATE TABLE experiment_run_counts (
        experiment_id INTEGER PRIMARY KEY REFERENCES experiments (experiment_id) ON DELETE CASCADE,
        active_runs INTEGER NOT NULL
      ) STRICT;
      INSERT INTO experiment_run_counts (experiment_id, active_runs)
        SELECT experiment_id, count(*) FROM runs WHERE lifecycle_stage = 'active' GROUP BY experiment_id;

      CREATE TRIGGER runs_counted_on_insert AFTER INSERT ON runs WHEN NEW.lifecycle_stage = 'active' BEGIN
        INSERT INTO experiment_run_counts (experiment_id, active_runs) VALUES (NEW.experiment_id, 1)
          ON CONFLICT (experiment_id) DO UPDATE SET active_runs = active_runs + 1;
      END;
      CREATE TRIGGER runs_counted_on_delete AFTER DELETE ON runs WHEN OLD.lifecycle_stage = 'active' BEGIN
        UPDATE experiment_run_counts SET active_runs = active_runs - 1 WHERE experiment_id = OLD.experiment_id;
      END;
      CREATE TRIGGER runs_counted_on_lifecycle AFTER UPDATE OF lifecycle_stage ON runs
        WHEN OLD.lifecycle_stage IS NOT NEW.lifecycle_stage BEGIN
        INSERT INTO experiment_run_counts (experiment_id, active_runs)
          VALUES (NEW.experiment_id, CASE WHEN NEW.lifecycle_stage = 'active' THEN 1 ELSE -1 END)
          ON CONFLICT (experiment_id) DO UPDATE SET active_runs = active_runs + excluded.active_runs;
      END;
    `);
  },
};
