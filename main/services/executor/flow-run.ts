import os from 'node:os';
import type { FlowContext, TaskCallOptions } from '../../../pipelines/flows/flow';
import type { AnyFlow, AnyTask } from '../../../pipelines/flows/registry';
import type { TaskLogger } from '../../../pipelines/flows/task';
import type { FlowRun } from '../../contract/executor';
import { RunCancelledError } from './run-errors';
import { newRunId } from '../../core/run-id';
import type { LogTarget, Runtime } from './runtime';
import { RecordedRun } from './recorded-run';
import { isTerminal, type RunState } from './states';
import { toFlowRun, type FlowRunRow } from './run-rows';
import { TaskRunControl, type ResolvedTaskOptions } from './task-run';

/** The largest flow result kept in the database; a bigger one belongs in an artifact. */
const MAX_RESULT_CHARS = 1_000_000;

export function resolveTaskOptions(task: AnyTask, call: TaskCallOptions = {}): ResolvedTaskOptions {
  const pick = <K extends keyof ResolvedTaskOptions>(key: K & keyof TaskCallOptions) => call[key] ?? task[key];
  return {
    retries: Math.max(0, Math.floor(pick('retries') ?? 0)),
    retryDelayMs: Math.max(0, pick('retryDelayMs') ?? 1000),
    backoffFactor: Math.max(1, pick('backoffFactor') ?? 2),
    timeoutMs: pick('timeoutMs') ?? null,
    cache: pick('cache') ?? false,
    tags: [...(task.tags ?? []), ...(call.tags ?? [])],
  };
}

function resultJson(result: unknown): string | null {
  if (result === undefined) return null;
  try {
    const json = JSON.stringify(result);
    return json !== undefined && json.length <= MAX_RESULT_CHARS ? json : null;
  } catch {
    return null;
  }
}

/** Top-level params as MLflow params: strings as they are, anything else as JSON. */
function paramsForTracking(params: unknown): Array<{ key: string; value: string }> {
  if (!params || typeof params !== 'object') return [];
  return Object.entries(params as Record<string, unknown>).map(([key, value]) => ({
    key,
    value: (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 6000),
  }));
}

/**
 * One flow run: its body runs here on the main thread and only orchestrates; every task
 * it calls becomes a TaskRunControl that runs in the pool. `done` settles once the run
 * and all its task runs have reached a final state.
 */
export class FlowRunControl {
  readonly id = newRunId();
  readonly done: Promise<FlowRun>;
  readonly tasks: TaskRunControl[] = [];
  private readonly record: RecordedRun<FlowRunRow, FlowRun>;
  private readonly controller = new AbortController();
  private cancelReason: string | null = null;
  private finished!: (run: FlowRun) => void;

  constructor(
    private readonly rt: Runtime,
    readonly flow: AnyFlow,
    private readonly params: unknown,
    retryOf: string | null,
    private readonly registerAttempt: (key: string, run: TaskRunControl) => void,
    /** The named user who started it, recorded as its tracked run's user. */
    private readonly startedBy?: string,
  ) {
    this.done = new Promise((resolve) => (this.finished = resolve));
    const now = Date.now();
    const row: FlowRunRow = {
      flow_run_id: this.id,
      flow_name: flow.name,
      flow_version: flow.version,
      params_json: JSON.stringify(params ?? null),
      state: 'Scheduled',
      state_message: null,
      tracking_run_id: null,
      retry_of: retryOf,
      owner_pid: process.pid,
      owner_host: os.hostname(),
      cancel_requested_at: null,
      result_json: null,
      created_at: now,
      started_at: null,
      ended_at: null,
    };
    this.record = new RecordedRun(rt, row, {
      id: this.id,
      what: `Flow run ${this.id}`,
      save: (record) => rt.records.flow(record),
      snapshot: (current) => toFlowRun(current),
      announce: (payload) => rt.notify({ name: 'executor.flowRunChanged', payload }),
    });
  }

  private get row(): FlowRunRow {
    return this.record.row;
  }

  get state(): RunState {
    return this.row.state;
  }

  private get target(): LogTarget {
    return { flowRunId: this.id, taskRunId: null };
  }

  private get experimentName(): string {
    return this.flow.experimentOf?.(this.params) ?? this.flow.experiment ?? this.flow.name;
  }

  snapshot(): FlowRun {
    return this.record.snapshot();
  }

  async run(): Promise<void> {
    this.transition('Pending', 'opening its tracked run');
    const trackingRunId = await this.rt.tracker
      .startRun({
        experimentName: this.experimentName,
        runName: `${this.flow.name} ${new Date(this.row.created_at).toISOString()}`,
        startTime: this.row.created_at,
        tags: {
          'neuroops.flowRunId': this.id,
          'neuroops.flow': this.flow.name,
          'neuroops.flowVersion': this.flow.version,
          ...(this.startedBy ? { 'mlflow.user': this.startedBy } : {}),
        },
      })
      .catch((error: Error) => (this.rt.log(this.target, 'warn', `tracking: could not start a run: ${error.message}`), ''));
    if (trackingRunId) {
      this.record.set({ tracking_run_id: trackingRunId });
      for (const param of paramsForTracking(JSON.parse(this.row.params_json))) this.rt.tracking.param(trackingRunId, param.key, param.value);
    }
    if (this.cancelReason) return this.finish('Cancelled', this.cancelReason);
    this.transition('Running', null, { started_at: Date.now() });
    this.rt.log(this.target, 'info', `flow ${this.flow.name} v${this.flow.version} started`);
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await this.flow.run(this.params, this.context()) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // The body may have returned (or thrown) with tasks still going: they end with the flow.
    if (!outcome.ok && !this.cancelReason) for (const task of this.tasks) task.cancel('the flow failed before this task ended');
    await Promise.allSettled(this.tasks.map((task) => task.result));
    if (this.cancelReason) return this.finish('Cancelled', this.cancelReason);
    if (!outcome.ok) {
      const error = outcome.error as Error;
      this.rt.log(this.target, 'error', `flow failed: ${error?.stack ?? String(error)}`);
      return this.finish('Failed', `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`);
    }
    const json = resultJson(outcome.value);
    this.rt.log(this.target, 'info', `flow ${this.flow.name} completed`);
    this.finish('Completed', null, json ? { result_json: json } : {});
  }

  cancel(reason: string): void {
    if (isTerminal(this.state) || this.cancelReason) return;
    this.cancelReason = reason;
    this.controller.abort(new RunCancelledError(reason));
    this.rt.log(this.target, 'warn', `cancelling: ${reason}`);
    if (this.state === 'Pending' || this.state === 'Running') this.transition('Cancelling', reason);
    // Attempts still waiting (queued, or sent ahead to a busy worker) are taken back before
    // any running attempt is told to stop: a worker whose task stops moves straight on to the
    // attempt sent ahead to it, and would otherwise race us to start it.
    const waiting = this.tasks.filter((task) => task.state !== 'Running');
    for (const task of [...waiting, ...this.tasks.filter((task) => task.state === 'Running')]) task.cancel(reason);
  }

  private context(): FlowContext {
    const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) => this.rt.log(this.target, level, message);
    const logger: TaskLogger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
    return {
      flowRunId: this.id,
      signal: this.controller.signal,
      logger,
      task: <I, O>(task: { name: string }, input: I, options: TaskCallOptions = {}) => this.startTask(task as AnyTask, input, options) as Promise<O>,
    };
  }

  private startTask(task: AnyTask, input: unknown, options: TaskCallOptions): Promise<unknown> {
    if (this.cancelReason) return Promise.reject(new RunCancelledError(`The flow run was cancelled: ${this.cancelReason}`));
    if (!this.flow.tasks.includes(task)) {
      return Promise.reject(new Error(`Task "${task.name}" is not listed in flow "${this.flow.name}"'s tasks, so workers cannot find it.`));
    }
    const run = new TaskRunControl(
      this.rt,
      { flowRunId: this.id, experimentName: this.experimentName },
      task,
      input,
      resolveTaskOptions(task, options),
      options.label ?? task.name,
      this.registerAttempt,
    );
    this.tasks.push(run);
    const parentTask = options.parentTaskRunId ? this.tasks.find((t) => t.id === options.parentTaskRunId) : undefined;
    const parentTracking = parentTask ? parentTask.snapshot().trackingRunId : this.row.tracking_run_id;
    void run.begin(parentTracking);
    return run.result;
  }

  private finish(state: RunState, message: string | null, columns: Record<string, string | number | null> = {}): void {
    const endedAt = Date.now();
    this.transition(state, message, { ...columns, ended_at: endedAt });
    // A run's end is committed at once: whoever waits on `done` reads it from the database.
    this.rt.batcher.flush();
    const error = state === 'Completed' ? null : message;
    void this.rt
      .endTrackedRun(this.target, this.row.tracking_run_id, state, endedAt, error)
      .then(() => this.finished(this.snapshot()));
  }

  private transition(to: RunState, message: string | null, columns: Record<string, string | number | null> = {}): void {
    this.record.transition(to, message, columns);
  }
}
