import os from 'node:os';
import { formSchema } from './form-schema';
import type { FlowRegistry } from '../../../pipelines/flows/registry';
import type { FlowInfo, FlowRun, LogLine, TaskRun } from '../../contract/executor';
import { AppError, notFound } from '../../core/app-error';
import { describeZodError } from '../../core/error-body';
import type { Db } from '../../db/database';
import { isOrphaned, markCrashed } from './crash-recovery';
import { FlowRunControl } from './flow-run';
import { noTracking, type RunTracker } from './run-tracker';
import { Runtime, type ExecutorNotice } from './runtime';
import { Scheduler } from './scheduler';
import { isTerminal, type RunState } from './states';
import { toFlowRun } from './run-rows';
import { ExecutorStore, type LogQuery } from './store';
import type { TaskRunControl } from './task-run';
import { TrackingBuffer } from './tracking-buffer';
import { WorkerPool, type PoolOptions, type PoolStats } from './worker-pool';
import type { FromWorker } from './worker-protocol';
import { WriteBatcher } from './write-batcher';

export interface ExecutorOptions {
  db: Db;
  /** The flows that may run; workers load `registryUrl` (which must export the same as `registry`). */
  registry: FlowRegistry;
  registryUrl?: string;
  tracker?: RunTracker;
  notify?: (notice: ExecutorNotice) => void;
  /**
   * Whether anyone hears `notify` now (a window, a browser, the CLI's progress). When no one
   * does, the snapshots that changed runs are announced with are not built at all.
   * Default: whenever `notify` is given.
   */
  hasListeners?: () => boolean;
  /** Workers in the pool: default the number of cores less one, at least 1. */
  poolSize?: number;
  resourceLimits?: PoolOptions['resourceLimits'];
  /** Most attempts that may run at once per task tag, e.g. `{ gpu: 1 }`. */
  concurrencyLimits?: Record<string, number>;
  /** How long a cancelled task may take to stop before its worker is terminated (default 5 s). */
  cancelGraceMs?: number;
  /** How often to look for cancel requests made by other processes (default 500 ms). */
  cancelPollMs?: number;
}

/** How long a cancelled task may take to stop before its worker is terminated. */
export const DEFAULT_CANCEL_GRACE_MS = 5000;

export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** Flow runs that any executor in this process runs: crash recovery must never take them for orphans. */
const liveInThisProcess = new Set<string>();

/**
 * The pipeline executor: starts flow runs, runs their tasks in the worker pool, applies
 * what workers report, and answers questions about runs. One per core.
 */
export class Executor {
  private readonly store: ExecutorStore;
  private readonly batcher: WriteBatcher;
  private readonly pool: WorkerPool;
  private readonly scheduler: Scheduler;
  private readonly rt: Runtime;
  private readonly poolSize: number;
  private readonly live = new Map<string, FlowRunControl>();
  private readonly attempts = new Map<string, TaskRunControl>();
  private cancelPoll: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: ExecutorOptions) {
    this.store = new ExecutorStore(options.db);
    this.batcher = new WriteBatcher(options.db);
    this.poolSize = options.poolSize ?? defaultPoolSize();
    this.pool = new WorkerPool(
      { size: this.poolSize, registryUrl: options.registryUrl, resourceLimits: options.resourceLimits },
      {
        onMessage: (message) => this.route(message),
        onLost: (key, reason) => this.onWorkerLost(key, reason),
        onFree: () => this.scheduler.dispatch(),
      },
    );
    this.scheduler = new Scheduler(() => this.pool.hasCapacity(), options.concurrencyLimits ?? {});
    const tracker = options.tracker ?? noTracking;
    const tracking = new TrackingBuffer(tracker, (runId, message) => this.onTrackingError(runId, message));
    const notify = options.notify ?? (() => {});
    const hasListeners = options.hasListeners ?? (() => options.notify !== undefined);
    this.rt = new Runtime(this.store, this.batcher, this.pool, this.scheduler, tracker, tracking, notify, hasListeners, {
      cancelGraceMs: options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS,
    });
  }

  listFlows(): FlowInfo[] {
    return this.options.registry.flows.map((flow) => {
      const { schema, defaults } = formSchema(flow.params);
      return { name: flow.name, version: flow.version, description: flow.description, paramsSchema: schema, defaultParams: defaults };
    });
  }

  /** Checks the flow and its params, then starts it. Nothing is stored when either is wrong. */
  start(flowName: string, params: unknown, retryOf: string | null = null, startedBy?: string): FlowRun {
    if (this.closed) throw new AppError('INVALID_STATE', 'The executor is stopping; start the flow again once NeuroOps is back.');
    const flow = this.options.registry.flow(flowName);
    if (!flow) {
      const names = this.options.registry.flows.map((f) => f.name).join(', ');
      throw notFound(`No flow is named "${flowName}". Known flows: ${names}. "neuroops flows list" shows them with their params.`);
    }
    const parsed = flow.params.safeParse(params ?? {});
    if (!parsed.success) {
      throw new AppError('INVALID_PARAMETER_VALUE', `The params do not fit flow "${flowName}": ${describeZodError(parsed.error)}.`);
    }
    const run = new FlowRunControl(this.rt, flow, parsed.data, retryOf, (key, task) => this.attempts.set(key, task), startedBy);
    this.live.set(run.id, run);
    liveInThisProcess.add(run.id);
    this.watchCancelRequests();
    void run.run().catch((error: Error) => console.error(`executor: flow run ${run.id} failed unexpectedly:`, error));
    void run.done.then(() => this.forget(run));
    this.batcher.flush();
    return run.snapshot();
  }

  /** Starts a new run of a finished run's flow, with the same params. */
  retry(flowRunId: string, startedBy?: string): FlowRun {
    const row = this.requireRow(flowRunId);
    if (!isTerminal(row.state)) throw new AppError('INVALID_STATE', `Flow run ${flowRunId} is still ${row.state}; cancel it or wait for it to end before retrying.`);
    return this.start(row.flow_name, JSON.parse(row.params_json), flowRunId, startedBy);
  }

  /**
   * Cancels a run this process runs at once. A run of another live process gets a cancel
   * request that its owner acts on; a run whose process is gone is marked Crashed.
   */
  async cancel(flowRunId: string): Promise<FlowRun> {
    const run = this.live.get(flowRunId);
    if (run) {
      run.cancel('cancelled by request');
      this.batcher.flush();
      return run.snapshot();
    }
    const row = this.requireRow(flowRunId);
    if (isTerminal(row.state)) throw new AppError('INVALID_STATE', `Flow run ${flowRunId} has already ended (${row.state}); there is nothing to cancel.`);
    if (isOrphaned(row, { liveHere: liveInThisProcess })) return markCrashed(this.rt, row);
    this.batcher.write(() => this.store.setFlowColumns(flowRunId, { cancel_requested_at: Date.now() }));
    this.batcher.flush();
    return toFlowRun(this.requireRow(flowRunId));
  }

  listFlowRuns(filter: { state?: RunState; flowName?: string; limit: number }): FlowRun[] {
    this.batcher.flush();
    return this.store.listFlowRuns(filter).map(toFlowRun);
  }

  getFlowRun(flowRunId: string): { flowRun: FlowRun; transitions: ReturnType<ExecutorStore['flowRunDetail']>['transitions']; taskRuns: TaskRun[] } {
    const flowRun = toFlowRun(this.requireRow(flowRunId));
    return { flowRun, ...this.store.flowRunDetail(flowRunId) };
  }

  logs(query: LogQuery): LogLine[] {
    this.batcher.flush();
    return this.store.logs(query);
  }

  /** Resolves once the run has ended: at once for this process's runs, by polling for another process's. */
  async waitFor(flowRunId: string, pollMs = 250): Promise<FlowRun> {
    const run = this.live.get(flowRunId);
    if (run) return run.done;
    for (;;) {
      const row = this.requireRow(flowRunId);
      if (isTerminal(row.state)) return toFlowRun(row);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Marks Crashed every run left unfinished by a process that is gone. Run at start-up. */
  async recoverCrashedRuns(): Promise<FlowRun[]> {
    const orphans = this.store.unfinishedFlowRuns().filter((row) => isOrphaned(row, { liveHere: liveInThisProcess }));
    const crashed: FlowRun[] = [];
    for (const row of orphans) crashed.push(await markCrashed(this.rt, row));
    return crashed;
  }

  /** The settings in force, defaults filled in: what the interface shows, read once and never on a hot path. */
  config(): { poolSize: number; tagLimits: Record<string, number>; cancelGraceMs: number } {
    return { poolSize: this.poolSize, tagLimits: { ...this.options.concurrencyLimits }, cancelGraceMs: this.rt.settings.cancelGraceMs };
  }

  poolStats(): PoolStats {
    return this.pool.stats();
  }

  /** Cancels what still runs (it ends Cancelled, not Crashed: the stop was orderly), then stops the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const running = [...this.live.values()];
    for (const run of running) run.cancel('NeuroOps stopped while the run was going');
    const graceOver = new Promise((resolve) => setTimeout(resolve, this.rt.settings.cancelGraceMs + 1000).unref());
    await Promise.race([Promise.allSettled(running.map((run) => run.done)), graceOver]);
    if (this.cancelPoll) clearInterval(this.cancelPoll);
    await this.pool.close();
    this.batcher.flush();
    await this.rt.tracking.flush();
  }

  private requireRow(flowRunId: string) {
    this.batcher.flush();
    const row = this.store.flowRunRow(flowRunId);
    if (!row) throw notFound(`No flow run has the id "${flowRunId}". "neuroops flows runs" lists them.`);
    return row;
  }

  /** Applies one worker message: log lines, progress and tracking are batched; settling messages move the state machine. */
  private route(message: FromWorker): void {
    if (message.type === 'ready') return;
    const task = this.attempts.get(message.key);
    if (!task) return;
    if (message.type === 'result' || message.type === 'error') this.scheduler.release(message.key);
    const trackingRunId = task.trackingRunId;
    switch (message.type) {
      case 'log':
        return this.rt.log({ flowRunId: task.flowRunId, taskRunId: task.id }, message.level, message.message, message.at);
      case 'param':
        if (trackingRunId) this.rt.tracking.param(trackingRunId, message.name, message.value);
        return;
      case 'tag':
        if (trackingRunId) this.rt.tracking.tag(trackingRunId, message.name, message.value);
        return;
      case 'metric':
        if (trackingRunId) this.rt.tracking.metric(trackingRunId, { key: message.name, value: message.value, step: message.step, timestamp: message.at });
        return;
      case 'artifact':
        if (trackingRunId) this.rt.tracking.artifact(trackingRunId, message.path, message.data);
        return;
      case 'progress':
        if (!task.isCurrent(message.key)) return;
        return task.onProgress(message.fraction, message.message);
      case 'started':
        if (task.isCurrent(message.key)) task.onStarted();
        return;
      case 'result':
        if (task.isCurrent(message.key)) task.onResult(message.value);
        return;
      case 'error':
        if (task.isCurrent(message.key)) task.onFailure(message.error);
        return;
    }
  }

  private onWorkerLost(key: string, reason: string): void {
    this.scheduler.release(key);
    const task = this.attempts.get(key);
    if (task?.isCurrent(key)) task.onWorkerLost(reason);
  }

  private onTrackingError(runId: string, message: string): void {
    for (const run of this.live.values()) {
      const task = run.tasks.find((t) => t.trackingRunId === runId);
      if (task || run.snapshot().trackingRunId === runId) {
        return this.rt.log({ flowRunId: run.id, taskRunId: task?.id ?? null }, 'warn', `tracking: ${message}`);
      }
    }
  }

  /** While this process runs flows, it looks for cancel requests other processes left for them. */
  private watchCancelRequests(): void {
    if (this.cancelPoll) return;
    this.cancelPoll = setInterval(() => {
      for (const run of this.live.values()) {
        if (this.store.flowRunRow(run.id)?.cancel_requested_at) run.cancel('cancelled by request from another process');
      }
    }, this.options.cancelPollMs ?? 500);
    this.cancelPoll.unref();
  }

  private forget(run: FlowRunControl): void {
    this.live.delete(run.id);
    liveInThisProcess.delete(run.id);
    const tasks = new Set(run.tasks);
    for (const [key, task] of this.attempts) if (tasks.has(task)) this.attempts.delete(key);
    if (this.live.size === 0 && this.cancelPoll) {
      clearInterval(this.cancelPoll);
      this.cancelPoll = null;
    }
  }
}
