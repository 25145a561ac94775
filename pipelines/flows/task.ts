/**
 * The task half of the flow kit: what a task declares, and what it is given while it runs
 * inside a worker. Everything here is pure: a task reports through its context, and the
 * executor turns those reports into messages, database rows and tracked-run entries.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Lines for the run's log (level, time, message): stored, searchable and streamed live. */
export interface TaskLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What lands in the task's tracked run, MLflow style. */
export interface TrackingLog {
  param(key: string, value: string | number | boolean): void;
  /** Tags may change (params may not): use them for status and the like. */
  tag(key: string, value: string): void;
  metric(key: string, value: number, step?: number): void;
  /** A file for the run's artifact tree, e.g. `plots/roc.png`. */
  artifact(path: string, data: Uint8Array): void;
  text(path: string, text: string): void;
  json(path: string, value: unknown): void;
}

export interface TaskContext {
  readonly taskRunId: string;
  readonly flowRunId: string;
  /** 1 on the first try, 2 on the first retry… */
  readonly attempt: number;
  /** Aborted when the run is cancelled or times out. CPU-bound code should check it now and then. */
  readonly signal: AbortSignal;
  readonly log: TrackingLog;
  readonly logger: TaskLogger;
  /** Fraction from 0 to 1, with an optional word on what is happening. */
  progress(fraction: number, message?: string): void;
}

export interface TaskOptions {
  /** Extra attempts after the first failure (default 0). */
  retries?: number;
  /** Wait before the first retry, in ms (default 1000). */
  retryDelayMs?: number;
  /** Each later retry waits this many times longer than the one before (default 2). */
  backoffFactor?: number;
  /** An attempt running longer than this is stopped (no limit by default). */
  timeoutMs?: number;
  /** Reuse the result of an earlier run with the same inputs and task version (opt-in). */
  cache?: boolean;
  /** Concurrency limits are set per tag on the executor, e.g. `{ gpu: 1 }`. */
  tags?: string[];
}

export interface TaskDef<I = unknown, O = unknown> extends TaskOptions {
  readonly kind: 'task';
  /** Unique within a registry, e.g. `ml.stage`. Workers find the code by this name. */
  readonly name: string;
  /** Bump it when the task's output for the same input changes: it is part of the cache key. */
  readonly version: string;
  /**
   * The part of the input that decides the output, when that is not all of it: the
   * results cache keys on this instead (say, a file's sha256 rather than where the file
   * happens to be). The whole input by default.
   */
  cacheInput?(input: I): unknown;
  // Method syntax on purpose: it lets a registry hold tasks of every input type.
  run(input: I, ctx: TaskContext): O | Promise<O>;
}

export function defineTask<I, O>(def: Omit<TaskDef<I, O>, 'kind'>): TaskDef<I, O> {
  return { kind: 'task', ...def };
}
