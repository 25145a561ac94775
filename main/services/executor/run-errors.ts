/** Rejects a flow body's `ctx.task(...)` when the task run was cancelled. */
export class RunCancelledError extends Error {
  override readonly name = 'RunCancelled';
  readonly code = 'CANCELLED';
}

/** Rejects a flow body's `ctx.task(...)` when the task run finally failed (after its retries). */
export class TaskRunFailedError extends Error {
  override readonly name = 'TaskRunFailed';
  constructor(
    message: string,
    readonly code: 'TASK_FAILED' | 'TASK_TIMED_OUT',
    readonly taskRunId: string,
  ) {
    super(message);
  }
}
