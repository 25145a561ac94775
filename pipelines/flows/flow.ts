import type { z } from 'zod';
import type { TaskDef, TaskLogger, TaskOptions } from './task';

/** Per-call overrides of a task's declared options, plus a name to tell repeated calls apart. */
export interface TaskCallOptions extends TaskOptions {
  /** Shown in the timeline and the tracked run's name, e.g. `load`. Defaults to the task's name. */
  label?: string;
  /** The task's own tracked run nests under this task run's tracked run instead of the flow's. */
  parentTaskRunId?: string;
}

/**
 * What a flow body is given. It runs on the main thread and only orchestrates: every
 * piece of real work is a task, which runs in a worker.
 */
export interface FlowContext {
  readonly flowRunId: string;
  readonly signal: AbortSignal;
  readonly logger: TaskLogger;
  /** Runs one task in the worker pool and resolves with its result (or rejects once it has finally failed). */
  task<I, O>(task: TaskDef<I, O>, input: I, options?: TaskCallOptions): Promise<O>;
}

export interface FlowDef<P = unknown> {
  readonly kind: 'flow';
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** The tracking experiment its runs go to (default: the flow's name). */
  readonly experiment?: string;
  /** The experiment one run goes to, when its params name one (before `experiment`). */
  experimentOf?(params: P): string | undefined;
  /** Checked before anything starts: bad params never create a run. */
  readonly params: z.ZodType<P>;
  /** Every task it may call; the registry gives workers these by name. */
  readonly tasks: readonly TaskDef[];
  // Method syntax on purpose: it lets a registry hold flows of every params type.
  run(params: P, ctx: FlowContext): Promise<unknown>;
}

export function defineFlow<P>(def: Omit<FlowDef<P>, 'kind'>): FlowDef<P> {
  return { kind: 'flow', ...def };
}
