import type { PayloadOf } from '../../contract/define';
import type { executorEvents, LogLevelName, LogLine } from '../../contract/executor';
import { RecordWriter } from './record-writer';
import type { Scheduler } from './scheduler';
import { trackingStatusFor, type RunState } from './states';
import type { ExecutorStore } from './store';
import type { TrackingBuffer } from './tracking-buffer';
import { noTracking, type RunTracker } from './run-tracker';
import type { WorkerPool } from './worker-pool';
import type { WriteBatcher } from './write-batcher';

type ExecutorEvents = typeof executorEvents;
/** One executor event, typed by the contract; the core forwards them to the event bus. */
export type ExecutorNotice = { [E in keyof ExecutorEvents]: { name: E; payload: PayloadOf<ExecutorEvents[E]> } }[keyof ExecutorEvents];

export interface LogTarget {
  flowRunId: string;
  taskRunId: string | null;
}

export interface ExecutorSettings {
  /** How long a cancelled or timed-out attempt may take to stop before its worker is terminated. */
  cancelGraceMs: number;
}

/**
 * What flow runs and task runs share: the store, the one writer, the pool and scheduler,
 * the tracker, and the way out to listeners. Log lines queued in one turn go out as one
 * event per flow run.
 */
export class Runtime {
  private pendingLines = new Map<string, LogLine[]>();
  private pendingNotices = new Map<string, () => void>();
  readonly records: RecordWriter;

  constructor(
    readonly store: ExecutorStore,
    readonly batcher: WriteBatcher,
    readonly pool: WorkerPool,
    readonly scheduler: Scheduler,
    readonly tracker: RunTracker,
    readonly tracking: TrackingBuffer,
    readonly notify: (notice: ExecutorNotice) => void,
    private readonly hasListeners: () => boolean,
    readonly settings: ExecutorSettings,
  ) {
    this.records = new RecordWriter(store, batcher);
  }

  log(target: LogTarget, level: LogLevelName, message: string, at = Date.now()): void {
    this.batcher.write(
      () => {
        const line = this.store.appendLog({ ...target, level, at, message });
        const lines = this.pendingLines.get(target.flowRunId) ?? [];
        lines.push(line);
        this.pendingLines.set(target.flowRunId, lines);
      },
      () => this.emitLines(),
    );
  }

  /**
   * Tells listeners about `key` once the current batch has committed. Announcing the same
   * key again before then replaces the first: a run that changed five times in a batch is
   * announced once, with its latest state. With no one listening, nothing is built or sent.
   */
  announce(key: string, emit: () => void): void {
    if (!this.listening) return;
    if (this.pendingNotices.size === 0) this.batcher.afterNextCommit(() => this.emitNotices());
    this.pendingNotices.set(key, emit);
  }

  /** Whether runs are tracked at all: without a tracker, no tracked run is opened or awaited. */
  get tracked(): boolean {
    return this.tracker !== noTracking;
  }

  /** Whether anyone hears announcements now; callers may skip building them when not. */
  get listening(): boolean {
    return this.hasListeners();
  }

  /** Runs a tracker call without letting its failure stop the run: the failure goes to the run's log. */
  track(target: LogTarget, what: string, call: () => Promise<unknown>): Promise<void> {
    return call().then(
      () => undefined,
      (error: Error) => this.log(target, 'warn', `tracking: could not ${what}: ${error.message}`),
    );
  }

  /**
   * Ends a tracked run; the executor's final state (and error) go in tags when the MLflow
   * status alone does not say it (FAILED covers Failed, TimedOut and Crashed), and always for
   * flow runs. Tracker failures go to the run's log.
   */
  async endTrackedRun(target: LogTarget, trackingRunId: string | null, state: RunState, endTime: number, error?: string | null): Promise<void> {
    if (!trackingRunId) return;
    if (state !== 'Completed' || target.taskRunId === null) this.tracking.tag(trackingRunId, 'neuroops.state', state);
    if (error) this.tracking.tag(trackingRunId, 'neuroops.error', error.slice(0, 5000));
    await this.tracking.end(trackingRunId, trackingStatusFor(state), endTime);
  }

  private emitNotices(): void {
    const all = this.pendingNotices;
    this.pendingNotices = new Map();
    for (const emit of all.values()) emit();
  }

  private emitLines(): void {
    if (this.pendingLines.size === 0) return;
    const all = this.pendingLines;
    this.pendingLines = new Map();
    for (const [flowRunId, lines] of all) this.notify({ name: 'executor.logLines', payload: { flowRunId, lines } });
  }
}
