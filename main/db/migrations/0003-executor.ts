import type { Migration } from '../migrate';

const STATES = `'Scheduled', 'Pending', 'Running', 'Retrying', 'Completed', 'Failed', 'TimedOut', 'Cancelling', 'Cancelled', 'Crashed'`;

/**
 * The pipeline executor.
 *
 * - `flow_runs` and `task_runs` hold each run's current state; `run_transitions` keeps every
 *   change of state with its time, so timelines (and retries) can be drawn afterwards.
 * - `owner_pid` is the process that runs a flow: at start-up, a run left unfinished by a
 *   process that no longer exists is marked Crashed. `cancel_requested_at` lets another
 *   process (the CLI, say) ask the owner to cancel.
 * - `run_logs` is every log line; `task_cache` the opt-in results cache, keyed by a hash of
 *   a task's name, version and input.
 */
export const executor: Migration = {
  version: 3,
  name: 'executor',
  up(db) {
    db.exec(`
      CREATE TABLE flow_runs (
        flow_run_id TEXT PRIMARY KEY,
        flow_name TEXT NOT NULL,
        flow_version TEXT NOT NULL,
        params_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN (${STATES})),
        state_message TEXT,
        tracking_run_id TEXT,
        retry_of TEXT REFERENCES flow_runs (flow_run_id) ON DELETE SET NULL,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        cancel_requested_at INTEGER,
        result_json TEXT,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER
      ) STRICT;
      CREATE INDEX flow_runs_by_created ON flow_runs (created_at DESC);
      CREATE INDEX flow_runs_by_state ON flow_runs (state, created_at DESC);

      CREATE TABLE task_runs (
        task_run_id TEXT PRIMARY KEY,
        flow_run_id TEXT NOT NULL REFERENCES flow_runs (flow_run_id) ON DELETE CASCADE,
        task_name TEXT NOT NULL,
        task_version TEXT NOT NULL,
        label TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN (${STATES})),
        state_message TEXT,
        attempt INTEGER NOT NULL,
        max_retries INTEGER NOT NULL,
        cache_key TEXT,
        cached INTEGER NOT NULL DEFAULT 0 CHECK (cached IN (0, 1)),
        progress REAL,
        progress_message TEXT,
        tracking_run_id TEXT,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER
      ) STRICT;
      CREATE INDEX task_runs_by_flow ON task_runs (flow_run_id, created_at);

      CREATE TABLE run_transitions (
        transition_id INTEGER PRIMARY KEY,
        flow_run_id TEXT NOT NULL REFERENCES flow_runs (flow_run_id) ON DELETE CASCADE,
        task_run_id TEXT REFERENCES task_runs (task_run_id) ON DELETE CASCADE,
        from_state TEXT CHECK (from_state IN (${STATES})),
        to_state TEXT NOT NULL CHECK (to_state IN (${STATES})),
        at INTEGER NOT NULL,
        message TEXT
      ) STRICT;
      CREATE INDEX run_transitions_by_flow ON run_transitions (flow_run_id, transition_id);

      CREATE TABLE run_logs (
        log_id INTEGER PRIMARY KEY,
        flow_run_id TEXT NOT NULL REFERENCES flow_runs (flow_run_id) ON DELETE CASCADE,
        task_run_id TEXT REFERENCES task_runs (task_run_id) ON DELETE CASCADE,
        level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
        at INTEGER NOT NULL,
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX run_logs_by_flow ON run_logs (flow_run_id, log_id);

      CREATE TABLE task_cache (
        cache_key TEXT PRIMARY KEY,
        task_name TEXT NOT NULL,
        task_version TEXT NOT NULL,
        result BLOB NOT NULL,
        source_task_run_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
