import type { Migration } from '../migrate';

/**
 * Each executor run keeps its own history of states in its row (`transitions_json`, a JSON
 * array of `{from, to, at, message}` in order) instead of one `run_transitions` row per
 * change of state. A run's row and its history are then always written together by one
 * statement, and a task costs one row write per batch instead of five: at a thousand tiny
 * tasks a second, the transition rows were a third of the executor's time per task.
 */
export const transitionsInRows: Migration = {
  version: 5,
  name: 'run transitions in rows',
  up(db) {
    db.exec(`
      ALTER TABLE flow_runs ADD COLUMN transitions_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE task_runs ADD COLUMN transitions_json TEXT NOT NULL DEFAULT '[]';

      UPDATE task_runs SET transitions_json = (
        SELECT json_group_array(json_object('from', t.from_state, 'to', t.to_state, 'at', t.at, 'message', t.message) ORDER BY t.transition_id)
        FROM run_transitions t WHERE t.task_run_id = task_runs.task_run_id
      )
      WHERE EXISTS (SELECT 1 FROM run_transitions t WHERE t.task_run_id = task_runs.task_run_id);

      UPDATE flow_runs SET transitions_json = (
        SELECT json_group_array(json_object('from', t.from_state, 'to', t.to_state, 'at', t.at, 'message', t.message) ORDER BY t.transition_id)
        FROM run_transitions t WHERE t.flow_run_id = flow_runs.flow_run_id AND t.task_run_id IS NULL
      )
      WHERE EXISTS (SELECT 1 FROM run_transitions t WHERE t.flow_run_id = flow_runs.flow_run_id AND t.task_run_id IS NULL);

      DROP TABLE run_transitions;
    `);
  },
};
