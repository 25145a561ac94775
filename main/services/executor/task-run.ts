import v8 from 'node:v8';
import type { TaskRun } from '../../contract/executor';
import type { AnyTask } from '../../../pipelines/flows/registry';
import { cacheKeyOf } from './cache-key';
import { RunCancelledError, TaskRunFailedError } from './run-errors';
import { newRunId } from '../../core/run-id';
import type { LogTarget, Runtime } from './runtime';
import { RecordedRun } from './recorded-run';
import { isTerminal, type RunState } from './states';
import { toTaskRun, type TaskRunRow } from './run-rows';
import type { SerializedError } from './worker-protocol';

export interface ResolvedTaskOptions {
  retries: number;
  retryDelayMs: number;
  backoffFactor: number;
  timeoutMs: number | null;
  cache: boolean;
  tags: readonly string[];
}

/** The delay before retry number `retry` (1-based): exponential backoff from the first delay. */
export function retryDelay(options: Pick<ResolvedTaskOptions, 'retryDelayMs' | 'backoffFactor'>, retry: number): number {
  return Math.round(options.retryDelayMs * options.backoffFactor ** (retry - 1));
}

/** The flow run a task belongs to, as far as its task runs need to know. */
export interface TaskParent {
  readonly flowRunId: string;
  /** Nested runs live in their parent's experiment. */
  readonly experimentName: string;
}

type Columns = Record<string, string | number | null>;

/**
 * One task run: its attempts on workers, retries with backoff, timeout, cancellation and
 * the results cache. `result` settles once the run reaches a final state.
 */
export class TaskRunControl {
  readonly id = newRunId();
  readonly result: Promise<unknown>;
  private readonly record: RecordedRun<TaskRunRow, TaskRun>;
  /** The attempt on a worker now (`<id>#<attempt>`), null between attempts. */
  private key: string | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private settle!: { resolve(value: unknown): void; reject(error: Error): void };

  constructor(
    private readonly rt: Runtime,
    private readonly parent: TaskParent,
    readonly task: AnyTask,
    private readonly input: unknown,
    readonly options: ResolvedTaskOptions,
    label: string,
    private readonly registerAttempt: (key: string, run: TaskRunControl) => void,
  ) {
    this.result = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // The flow body may never await a task it started; a failure must not become an unhandled rejection.
    this.result.catch(() => {});
    const now = Date.now();
    const row: TaskRunRow = {
      task_run_id: this.id,
      flow_run_id: parent.flowRunId,
      task_name: task.name,
      task_version: task.version,
      label,
      state: 'Scheduled',
      state_message: null,
      attempt: 1,
      max_retries: options.retries,
      cache_key: options.cache ? cacheKeyOf(task.name, task.version, task.cacheInput ? task.cacheInput(input) : input) : null,
      cached: 0,
      progress: null,
      progress_message: null,
      tracking_run_id: null,
      created_at: now,
      started_at: null,
      ended_at: null,
    };
    this.record = new RecordedRun(rt, row, {
      id: this.id,
      what: `Task run ${this.id}`,
      save: (record) => rt.records.task(record),
      snapshot: (current, transitions) => toTaskRun(current, transitions),
      announce: (payload) => rt.notify({ name: 'executor.taskRunChanged', payload }),
    });
  }

  private get row(): TaskRunRow {
    return this.record.row;
  }

  get state(): RunState {
    return this.row.state;
  }

  get flowRunId(): string {
    return this.parent.flowRunId;
  }

  get trackingRunId(): string | null {
    return this.row.tracking_run_id;
  }

  get progress(): { fraction: number; message: string | null } {
    return { fraction: this.row.progress ?? 0, message: this.row.progress_message };
  }

  private get target(): LogTarget {
    return { flowRunId: this.parent.flowRunId, taskRunId: this.id };
  }

  snapshot(): TaskRun {
    return this.record.snapshot();
  }

  /** Opens the tracked run (nested under `parentTrackingRunId`), then answers from the cache or queues the first attempt. */
  async begin(parentTrackingRunId: string | null): Promise<void> {
    const trackingRunId = this.rt.tracked ? await this.openTrackedRun(parentTrackingRunId) : '';
    if (isTerminal(this.state)) return void this.endTracking(trackingRunId);
    if (trackingRunId) this.record.set({ tracking_run_id: trackingRunId });
    if (this.answerFromCache()) return;
    this.enqueue();
  }

  private openTrackedRun(parentTrackingRunId: string | null): Promise<string> {
    return this.rt.tracker
      .startRun({
        experimentName: this.parent.experimentName,
        runName: this.row.label,
        parentRunId: parentTrackingRunId ?? undefined,
        startTime: this.row.created_at,
        tags: { 'neuroops.flowRunId': this.parent.flowRunId, 'neuroops.taskRunId': this.id, 'neuroops.task': this.task.name },
      })
      .catch((error: Error) => (this.rt.log(this.target, 'warn', `tracking: could not start a run: ${error.message}`), ''));
  }

  /** Called by the executor's message router with what the worker sent about attempt `key`. */
  isCurrent(key: string): boolean {
    return key === this.key;
  }

  onStarted(): void {
    if (this.state !== 'Pending' || !this.key) return;
    this.transition('Running', `attempt ${this.row.attempt} running`, this.row.started_at === null ? { started_at: Date.now() } : {});
    // The clock starts once the task runs: a worker still starting up does not eat its time.
    if (this.options.timeoutMs !== null) {
      const [key, timeoutMs] = [this.key, this.options.timeoutMs];
      this.later(timeoutMs, () => this.onTimeout(key, timeoutMs));
    }
  }

  onProgress(fraction: number, message: string | null): void {
    this.record.set({ progress: fraction, progress_message: message });
    this.rt.announce(`progress:${this.id}`, () =>
      this.rt.notify({ name: 'executor.progress', payload: { flowRunId: this.flowRunId, taskRunId: this.id, fraction, message } }),
    );
  }

  onResult(value: unknown): void {
    this.endAttempt();
    if (this.state === 'Cancelling') return this.finishCancelled();
    if (this.options.cache && this.row.cache_key) {
      const entry = { cacheKey: this.row.cache_key, taskName: this.task.name, taskVersion: this.task.version, taskRunId: this.id, at: Date.now() };
      const result = v8.serialize(value);
      this.rt.batcher.write(() => this.rt.store.storeCachedResult({ ...entry, result }));
    }
    this.transition('Completed', null, { ended_at: Date.now() });
    void this.endTracking(this.row.tracking_run_id);
    this.settle.resolve(value);
  }

  onFailure(error: SerializedError): void {
    this.endAttempt();
    if (this.state === 'Cancelling') return this.finishCancelled();
    this.rt.log(this.target, 'error', `attempt ${this.row.attempt} failed: ${error.stack ?? `${error.name}: ${error.message}`}`);
    this.failAttempt(`${error.name}: ${error.message}`, 'Failed');
  }

  onWorkerLost(reason: string): void {
    this.onFailure({ name: 'WorkerLost', message: reason });
  }

  /** Stops the run: at once if it holds no worker; otherwise signals, then terminates after the grace period. */
  cancel(reason: string): void {
    if (isTerminal(this.state) || this.state === 'Cancelling') return;
    if (this.state === 'Scheduled' || this.state === 'Retrying') {
      this.rt.scheduler.remove(this.nextKey());
      this.clearTimers();
      this.rt.log(this.target, 'info', `cancelled: ${reason}`);
      return this.finishCancelled(reason);
    }
    const key = this.key!;
    this.transition('Cancelling', reason);
    this.stopWorker(key, `cancelled: ${reason}`);
  }

  /** Retries after the backoff delay while retries remain; otherwise ends the run in `finalState`. */
  private failAttempt(message: string, finalState: 'Failed' | 'TimedOut'): void {
    const retry = this.row.attempt;
    if (retry <= this.options.retries) {
      const delay = retryDelay(this.options, retry);
      this.transition('Retrying', `retry ${retry} of ${this.options.retries} in ${delay} ms after: ${message}`);
      this.later(delay, () => {
        this.row.attempt += 1;
        this.transition('Scheduled', `attempt ${this.row.attempt} queued`, { attempt: this.row.attempt });
        this.enqueue();
      });
      return;
    }
    this.transition(finalState, message, { ended_at: Date.now() });
    void this.endTracking(this.row.tracking_run_id, message);
    const code = finalState === 'TimedOut' ? 'TASK_TIMED_OUT' : 'TASK_FAILED';
    this.settle.reject(new TaskRunFailedError(`Task "${this.row.label}" ${finalState === 'TimedOut' ? 'timed out' : 'failed'}: ${message}`, code, this.id));
  }

  private answerFromCache(): boolean {
    if (!this.row.cache_key) return false;
    const cached = this.rt.store.cachedResult(this.row.cache_key);
    if (!cached) return false;
    const value: unknown = v8.deserialize(cached);
    this.row.cached = 1;
    this.rt.log(this.target, 'info', `cache hit (${this.row.cache_key.slice(0, 12)}…): the result of an earlier run with the same inputs is reused`);
    if (this.row.tracking_run_id) this.rt.tracking.tag(this.row.tracking_run_id, 'neuroops.cached', 'true');
    this.transition('Completed', 'result from cache', { cached: 1, ended_at: Date.now() });
    void this.endTracking(this.row.tracking_run_id);
    this.settle.resolve(value);
    return true;
  }

  private nextKey(): string {
    return `${this.id}#${this.row.attempt}`;
  }

  private enqueue(): void {
    this.rt.scheduler.enqueue({ key: this.nextKey(), tags: this.options.tags, start: () => this.startAttempt() });
  }

  private startAttempt(): void {
    const key = this.nextKey();
    this.key = key;
    this.registerAttempt(key, this);
    const where = this.rt.pool.nextGoesAhead ? 'sent ahead to a busy worker, to start when its current task ends' : 'sent to a worker';
    this.transition('Pending', `attempt ${this.row.attempt} ${where}`);
    this.rt.pool.run({
      type: 'run',
      key,
      taskRunId: this.id,
      flowRunId: this.parent.flowRunId,
      taskName: this.task.name,
      attempt: this.row.attempt,
      input: this.input,
    });
  }

  private onTimeout(key: string, timeoutMs: number): void {
    // A cancelled attempt is already being stopped; its grace period decides, not the timeout.
    if (!this.isCurrent(key) || this.state === 'Cancelling') return;
    this.endAttempt();
    this.stopWorker(key, `timed out after ${timeoutMs} ms`);
    const message = `attempt ${this.row.attempt} timed out after ${timeoutMs} ms`;
    this.rt.log(this.target, 'error', message);
    this.failAttempt(message, 'TimedOut');
  }

  /** Signals the attempt to stop, and terminates its worker if it has not stopped after the grace period. */
  private stopWorker(key: string, reason: string): void {
    const grace = this.rt.settings.cancelGraceMs;
    this.rt.pool.abort(key, reason);
    const timer = setTimeout(() => this.rt.pool.terminateIfStillOn(key, `stopped ${grace} ms after it was asked to (${reason}) because it did not stop by itself`), grace);
    timer.unref();
  }

  private finishCancelled(reason?: string): void {
    this.key = null;
    this.clearTimers();
    this.transition('Cancelled', reason ?? this.row.state_message, { ended_at: Date.now() });
    void this.endTracking(this.row.tracking_run_id);
    this.settle.reject(new RunCancelledError(`Task "${this.row.label}" was cancelled.`));
  }

  /** The current attempt is over (settled, lost or given up): no more timers, no more messages. */
  private endAttempt(): void {
    this.key = null;
    this.clearTimers();
  }

  private endTracking(trackingRunId: string | null, error?: string): Promise<void> | undefined {
    if (!trackingRunId) return undefined;
    return this.rt.endTrackedRun(this.target, trackingRunId, this.state, this.row.ended_at ?? Date.now(), error);
  }

  private transition(to: RunState, message: string | null, columns?: Columns): void {
    this.record.transition(to, message, columns);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
