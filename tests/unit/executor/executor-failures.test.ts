import { describe, expect, it } from 'vitest';
import { startExecutor } from './fixtures/executor-harness';
import { memoryTracker } from './fixtures/memory-tracker';

describe('executor: bad input is refused before anything starts', () => {
  it('an unknown flow is RESOURCE_DOES_NOT_EXIST, and no run is stored', () => {
    const h = startExecutor();
    expect(() => h.executor.start('no_such_flow', {})).toThrow(expect.objectContaining({ code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('Known flows: sequence, parallel') }));
    expect(h.executor.listFlowRuns({ limit: 10 })).toEqual([]);
  });

  it('params that fail the flow schema are INVALID_PARAMETER_VALUE naming the field, and no run is stored', () => {
    const h = startExecutor();
    expect(() => h.executor.start('sequence', { calls: 'not a list' })).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('calls') }));
    expect(h.executor.listFlowRuns({ limit: 10 })).toEqual([]);
  });
});

describe('executor: a task that throws', () => {
  it('goes Retrying with backoff, then Failed; the stack trace is in the log and the flow is Failed', async () => {
    const h = startExecutor();
    const run = await h.runFlow('sequence', {
      calls: [{ task: 'test.fail', input: { message: 'the data is bad' }, options: { retries: 2, retryDelayMs: 20, backoffFactor: 3 } }],
    });
    expect(run.state).toBe('Failed');
    expect(run.stateMessage).toContain('the data is bad');
    expect(h.taskStates(run.flowRunId)).toEqual([
      'Scheduled', 'Pending', 'Running', 'Retrying',
      'Scheduled', 'Pending', 'Running', 'Retrying',
      'Scheduled', 'Pending', 'Running', 'Failed',
    ]);
    const task = h.executor.getFlowRun(run.flowRunId).taskRuns[0]!;
    expect(task.attempt).toBe(3);
    const retrying = task.transitions.filter((t) => t.to === 'Retrying').map((t) => t.message);
    expect(retrying[0]).toContain('retry 1 of 2 in 20 ms');
    expect(retrying[1]).toContain('retry 2 of 2 in 60 ms');
    const errors = h.executor.logs({ flowRunId: run.flowRunId, minLevel: 'error', afterLogId: 0, limit: 100 });
    const attemptLines = errors.filter((l) => l.message.startsWith('attempt'));
    expect(attemptLines).toHaveLength(3);
    expect(attemptLines[0]!.message).toMatch(/Error: the data is bad\n\s+at /);
    expect(attemptLines[0]!.taskRunId).toBe(task.taskRunId);
  });

  it('succeeds on a retry: Retrying then Completed, with the attempt that worked', async () => {
    const tracker = memoryTracker();
    const h = startExecutor({ tracker });
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.flaky', input: { succeedOn: 2 }, options: { retries: 3, retryDelayMs: 1 } }] });
    expect(run.state).toBe('Completed');
    expect(run.result).toEqual([2]);
    expect(h.taskStates(run.flowRunId)).toEqual(['Scheduled', 'Pending', 'Running', 'Retrying', 'Scheduled', 'Pending', 'Running', 'Completed']);
    // One tracked run for the task across its attempts, FINISHED; the flow's too.
    const task = h.executor.getFlowRun(run.flowRunId).taskRuns[0]!;
    expect(tracker.runs.get(task.trackingRunId!)!.status).toBe('FINISHED');
    expect(tracker.runs.get(run.trackingRunId!)!.status).toBe('FINISHED');
    expect(tracker.runs.size).toBe(2);
  });
});

describe('executor: a worker that dies', () => {
  it('process.exit: the task fails, what it sent just before is kept, and the pool replaces the worker', async () => {
    const tracker = memoryTracker();
    const h = startExecutor({ poolSize: 1, tracker });
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.exit', input: { code: 7 } }] });
    expect(run.state).toBe('Failed');
    const task = h.executor.getFlowRun(run.flowRunId).taskRuns[0]!;
    expect(task.state).toBe('Failed');
    expect(task.stateMessage).toContain('exited unexpectedly with code 7');
    const messages = h.executor.logs({ flowRunId: run.flowRunId, afterLogId: 0, limit: 100 }).map((l) => l.message);
    expect(messages).toContain('last words before process.exit');
    // The metric posted just before the exit reached the task's tracked run, which ended FAILED.
    const tracked = tracker.runs.get(task.trackingRunId!)!;
    expect(tracked.metrics).toContainEqual({ key: 'sent_before_exit', value: 42, step: 0 });
    expect(tracked.status).toBe('FAILED');
    expect(tracked.spec.parentRunId).toBe(run.trackingRunId);
    // The pool is whole again: the next task runs on a fresh worker.
    const next = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 'after' } }] });
    expect(next.state).toBe('Completed');
    expect(h.executor.poolStats()).toMatchObject({ size: 1, live: 1, spawned: 2, lost: 1 });
  });

  it('process.exit with retries left: the task is retried on a new worker and can still succeed', async () => {
    const h = startExecutor({ poolSize: 1 });
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.exit', input: { code: 3 }, options: { retries: 1, retryDelayMs: 1 } }] });
    expect(run.state).toBe('Failed');
    expect(h.taskStates(run.flowRunId)).toEqual(['Scheduled', 'Pending', 'Running', 'Retrying', 'Scheduled', 'Pending', 'Running', 'Failed']);
    expect(h.executor.poolStats().lost).toBe(2);
  });

  it('out of memory: the task fails with a clear reason and the pool replaces the worker', async () => {
    const h = startExecutor({ poolSize: 1, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } });
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.oom', input: {} }] });
    expect(run.state).toBe('Failed');
    const task = h.executor.getFlowRun(run.flowRunId).taskRuns[0]!;
    expect(task.stateMessage).toContain('ran out of memory');
    const next = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 1 } }] });
    expect(next.state).toBe('Completed');
    expect(h.executor.poolStats()).toMatchObject({ live: 1, lost: 1 });
  });
});

describe('executor: timeouts', () => {
  it('an attempt over its timeout ends TimedOut (after its retries), and the flow Failed', async () => {
    const h = startExecutor();
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.wait', input: { ms: 60_000 }, options: { timeoutMs: 100, retries: 1, retryDelayMs: 1 } }] });
    expect(run.state).toBe('Failed');
    expect(h.taskStates(run.flowRunId)).toEqual(['Scheduled', 'Pending', 'Running', 'Retrying', 'Scheduled', 'Pending', 'Running', 'TimedOut']);
    const task = h.executor.getFlowRun(run.flowRunId).taskRuns[0]!;
    expect(task.stateMessage).toContain('timed out after 100 ms');
  });

  it('a busy loop over its timeout is stopped by terminating its worker', async () => {
    const h = startExecutor({ poolSize: 1, cancelGraceMs: 200 });
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.busy', input: {}, options: { timeoutMs: 100 } }] });
    expect(h.taskStates(run.flowRunId).at(-1)).toBe('TimedOut');
    // The stuck worker is gone and a new one serves the next task.
    const next = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 1 } }] });
    expect(next.state).toBe('Completed');
    expect(h.executor.poolStats().lost).toBe(1);
  });
});
