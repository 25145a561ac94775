import type { FlowRun, StateTransition, TaskRun } from '../../contract/executor';
import type { RunState } from './states';

/**
 * The executor's rows as they are in memory and in SQLite (snake_case, as the columns),
 * and what the API answers for them.
 */

export interface FlowRunRow {
  flow_run_id: string;
  flow_name: string;
  flow_version: string;
  params_json: string;
  state: RunState;
  state_message: string | null;
  tracking_run_id: string | null;
  retry_of: string | null;
  owner_pid: number;
  owner_host: string;
  cancel_requested_at: number | null;
  result_json: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

export interface TaskRunRow {
  task_run_id: string;
  flow_run_id: string;
  task_name: string;
  task_version: string;
  label: string;
  state: RunState;
  state_message: string | null;
  attempt: number;
  max_retries: number;
  cache_key: string | null;
  cached: number;
  progress: number | null;
  progress_message: string | null;
  tracking_run_id: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

/** A row as read back: with its history of states, which the row in memory keeps as an array. */
export type Stored<Row> = Row & { transitions_json: string };

/** A run's row and its history of states, as they are written together. */
export interface RunRecord<Row> {
  row: Row;
  transitions: readonly StateTransition[];
  /** Its row is in the table already: it is updated, not inserted. */
  stored: boolean;
}

/** The task columns that change after a task run is created. */
export const toFlowRun = (row: FlowRunRow): FlowRun => ({
  flowRunId: row.flow_run_id,
  flowName: row.flow_name,
  flowVersion: row.flow_version,
  state: row.state,
  stateMessage: row.state_message,
  params: JSON.parse(row.params_json) as unknown,
  trackingRunId: row.tracking_run_id || null,
  retryOf: row.retry_of,
  result: row.result_json === null ? null : (JSON.parse(row.result_json) as unknown),
  createdAt: row.created_at,
  startedAt: row.started_at,
  endedAt: row.ended_at,
});

export const transitionsOf = (row: Stored<unknown>): StateTransition[] => JSON.parse(row.transitions_json) as StateTransition[];

export const toTaskRun = (row: TaskRunRow, transitions: StateTransition[]): TaskRun => ({
  taskRunId: row.task_run_id,
  flowRunId: row.flow_run_id,
  taskName: row.task_name,
  label: row.label,
  state: row.state,
  stateMessage: row.state_message,
  attempt: row.attempt,
  maxRetries: row.max_retries,
  cached: row.cached === 1,
  progress: row.progress,
  progressMessage: row.progress_message,
  trackingRunId: row.tracking_run_id || null,
  createdAt: row.created_at,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  transitions,
});
