import { AppError } from '../../core/app-error';
import type { RunStateName } from '../../contract/executor';

export type RunState = RunStateName;

export const TERMINAL_STATES: ReadonlySet<RunState> = new Set(['Completed', 'Failed', 'TimedOut', 'Cancelled', 'Crashed']);

export const isTerminal = (state: RunState): boolean => TERMINAL_STATES.has(state);

/**
 * The state machine, shared by flow runs and task runs. Scheduled: accepted and queued.
 * Pending: being started (a worker or tracked run is being set up). Retrying: an attempt
 * failed and the next waits out its delay. Cancelling: asked to stop, not stopped yet.
 * Crashed: the process that ran it died. A cached task goes Scheduled → Completed directly.
 */
const NEXT: Record<RunState, readonly RunState[]> = {
  Scheduled: ['Pending', 'Completed', 'Cancelled', 'Crashed'],
  // A worker can die before it has said the attempt started.
  Pending: ['Running', 'Retrying', 'Failed', 'Cancelling', 'Crashed'],
  Running: ['Completed', 'Failed', 'TimedOut', 'Retrying', 'Cancelling', 'Crashed'],
  Retrying: ['Scheduled', 'Cancelled', 'Crashed'],
  Cancelling: ['Cancelled', 'Crashed'],
  Completed: [],
  Failed: [],
  TimedOut: [],
  Cancelled: [],
  Crashed: [],
};

export function canTransition(from: RunState, to: RunState): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(what: string, from: RunState, to: RunState): void {
  if (!canTransition(from, to)) {
    throw new AppError('INVALID_STATE', `${what} cannot go from ${from} to ${to}.`);
  }
}

/** The tracked run's status for a finished executor run. */
export function trackingStatusFor(state: RunState): 'FINISHED' | 'FAILED' | 'KILLED' {
  if (state === 'Completed') return 'FINISHED';
  if (state === 'Cancelled') return 'KILLED';
  return 'FAILED';
}
