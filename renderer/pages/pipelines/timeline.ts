import type { RunStateName, TaskRun } from '../../../main/contract/executor';
import { TERMINAL } from './format';

export interface Segment {
  state: RunStateName;
  start: number;
  end: number;
  /** Which attempt the segment belongs to (1 for the first). */
  attempt: number;
}

/**
 * A task run's time cut into the states it spent it in, from its transitions. Each new
 * Pending starts an attempt, so retries show as separate Running stretches with a
 * Retrying gap between them. A run still going extends to `now`.
 */
export function taskSegments(task: TaskRun, now: number): Segment[] {
  const segments: Segment[] = [];
  let attempt = 0;
  task.transitions.forEach((t, i) => {
    if (t.to === 'Pending') attempt += 1;
    if (TERMINAL.has(t.to)) return;
    const end = task.transitions[i + 1]?.at ?? now;
    segments.push({ state: t.to, start: t.at, end: Math.max(end, t.at), attempt: Math.max(attempt, 1) });
  });
  return segments;
}

/** The time span a timeline must show: from the first transition to the last end. */
export function timelineSpan(tasks: TaskRun[], from: number, now: number): { start: number; end: number } {
  let end = from;
  for (const task of tasks) for (const s of taskSegments(task, now)) end = Math.max(end, s.end);
  for (const task of tasks) end = Math.max(end, task.endedAt ?? 0);
  return { start: from, end: Math.max(end, from + 1) };
}
