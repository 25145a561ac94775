import { describe, expect, it } from 'vitest';
import type { StateTransition, TaskRun } from '../../../main/contract/executor';
import { taskSegments, timelineSpan } from '../../../renderer/pages/pipelines/timeline';

function task(transitions: Array<[StateTransition['to'], number]>, endedAt: number | null = null): TaskRun {
  return {
    taskRunId: 't', flowRunId: 'f', taskName: 'x', label: 'x', state: transitions.at(-1)![0], stateMessage: null, attempt: 1, maxRetries: 2,
    cached: false, progress: null, progressMessage: null, trackingRunId: null, createdAt: transitions[0]![1], startedAt: null, endedAt,
    transitions: transitions.map(([to, at], i) => ({ from: i === 0 ? null : transitions[i - 1]![0], to, at, message: null })),
  };
}

describe('the Pipelines page timeline', () => {
  it('shows each retry as its own attempt, with the Retrying wait between them', () => {
    const retried = task([['Scheduled', 0], ['Pending', 5], ['Running', 10], ['Retrying', 50], ['Scheduled', 80], ['Pending', 80], ['Running', 90], ['Completed', 130]], 130);
    expect(taskSegments(retried, 1000)).toEqual([
      { state: 'Scheduled', start: 0, end: 5, attempt: 1 },
      { state: 'Pending', start: 5, end: 10, attempt: 1 },
      { state: 'Running', start: 10, end: 50, attempt: 1 },
      { state: 'Retrying', start: 50, end: 80, attempt: 1 },
      { state: 'Scheduled', start: 80, end: 80, attempt: 1 },
      { state: 'Pending', start: 80, end: 90, attempt: 2 },
      { state: 'Running', start: 90, end: 130, attempt: 2 },
    ]);
    expect(timelineSpan([retried], 0, 1000)).toEqual({ start: 0, end: 130 });
  });

  it('extends a run still going to now', () => {
    const running = task([['Scheduled', 0], ['Pending', 1], ['Running', 2]]);
    expect(taskSegments(running, 500).at(-1)).toEqual({ state: 'Running', start: 2, end: 500, attempt: 1 });
    expect(timelineSpan([running], 0, 500).end).toBe(500);
  });
});
