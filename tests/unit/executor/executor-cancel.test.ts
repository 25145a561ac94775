import { describe, expect, it } from 'vitest';
import { startExecutor, type Harness } from './fixtures/executor-harness';
import { memoryTracker } from './fixtures/memory-tracker';
import { waitUntil } from './fixtures/wait-until';

const taskState = (h: Harness, flowRunId: string, index: number) => h.executor.getFlowRun(flowRunId).taskRuns[index]?.state;

describe('executor: cancellation', () => {
  it('a task that honours its signal: Running → Cancelling → Cancelled, the flow Cancelled (tracked KILLED), the worker kept', async () => {
    const tracker = memoryTracker();
    const h = startExecutor({ poolSize: 1, cancelGraceMs: 10_000, tracker });
    const { flowRunId } = h.executor.start('sequence', { calls: [{ task: 'test.wait', input: { ms: 60_000 } }] });
    await waitUntil(() => taskState(h, flowRunId, 0) === 'Running', 'the task to run');
    await h.executor.cancel(flowRunId);
    const run = await h.executor.waitFor(flowRunId);
    expect(run.state).toBe('Cancelled');
    expect(h.executor.getFlowRun(flowRunId).transitions.map((t) => t.to)).toEqual(['Scheduled', 'Pending', 'Running', 'Cancelling', 'Cancelled']);
    expect(h.taskStates(flowRunId)).toEqual(['Scheduled', 'Pending', 'Running', 'Cancelling', 'Cancelled']);
    // It stopped by itself, well inside the grace period: its worker was not terminated.
    expect(h.executor.poolStats()).toMatchObject({ live: 1, lost: 0 });
    expect([...tracker.runs.values()].map((r) => r.status)).toEqual(['KILLED', 'KILLED']);
  });

  it('a busy loop that never checks the signal is still cancelled: its worker is terminated after the grace period', async () => {
    const h = startExecutor({ poolSize: 1, cancelGraceMs: 300 });
    const { flowRunId } = h.executor.start('sequence', { calls: [{ task: 'test.busy', input: {} }] });
    await waitUntil(() => taskState(h, flowRunId, 0) === 'Running', 'the busy task to run');
    await h.executor.cancel(flowRunId);
    const run = await h.executor.waitFor(flowRunId);
    expect(run.state).toBe('Cancelled');
    const task = h.executor.getFlowRun(flowRunId).taskRuns[0]!;
    expect(task.state).toBe('Cancelled');
    expect(task.transitions.map((t) => t.to)).toEqual(['Scheduled', 'Pending', 'Running', 'Cancelling', 'Cancelled']);
    expect(h.executor.poolStats().lost).toBe(1);
    const logs = h.executor.logs({ flowRunId, afterLogId: 0, limit: 100 }).map((l) => l.message);
    expect(logs).toContain('spinning forever');
  });

  it('tasks waiting for the busy worker (one sent ahead to it, one still queued) are cancelled without ever running', async () => {
    const h = startExecutor({ poolSize: 1 });
    const echo = (value: number) => ({ task: 'test.echo', input: { value } });
    const { flowRunId } = h.executor.start('parallel', { calls: [{ task: 'test.wait', input: { ms: 60_000 } }, echo(2), echo(3)] });
    await waitUntil(() => taskState(h, flowRunId, 0) === 'Running', 'the first task to run');
    await waitUntil(() => taskState(h, flowRunId, 1) === 'Pending', 'the second task to be sent ahead to the busy worker');
    expect(h.executor.getFlowRun(flowRunId).taskRuns[1]!.stateMessage).toBe('attempt 1 sent ahead to a busy worker, to start when its current task ends');
    expect(taskState(h, flowRunId, 2)).toBe('Scheduled');
    await h.executor.cancel(flowRunId);
    expect((await h.executor.waitFor(flowRunId)).state).toBe('Cancelled');
    expect(h.taskStates(flowRunId, 1)).toEqual(['Scheduled', 'Pending', 'Cancelling', 'Cancelled']);
    expect(h.taskStates(flowRunId, 2)).toEqual(['Scheduled', 'Cancelled']);
    // An echo that ran would have logged "echo attempt 1".
    expect(h.executor.logs({ flowRunId, search: 'echo attempt', afterLogId: 0, limit: 10 })).toEqual([]);
  });

  it('a task waiting out its retry delay goes Retrying → Cancelled', async () => {
    const h = startExecutor();
    const { flowRunId } = h.executor.start('sequence', { calls: [{ task: 'test.fail', input: { message: 'x' }, options: { retries: 1, retryDelayMs: 60_000 } }] });
    await waitUntil(() => taskState(h, flowRunId, 0) === 'Retrying', 'the retry delay');
    await h.executor.cancel(flowRunId);
    expect((await h.executor.waitFor(flowRunId)).state).toBe('Cancelled');
    expect(h.taskStates(flowRunId).slice(-2)).toEqual(['Retrying', 'Cancelled']);
  });

  it('a cancel asked for by another process is acted on by the process that runs the flow', async () => {
    const owner = startExecutor({ poolSize: 1 });
    const { flowRunId } = owner.executor.start('sequence', { calls: [{ task: 'test.wait', input: { ms: 60_000 } }] });
    await waitUntil(() => taskState(owner, flowRunId, 0) === 'Running', 'the task to run');
    // A second executor on the same database stands in for `neuroops flows cancel` in another process.
    const other = startExecutor({}, owner.dataDir);
    const asked = await other.executor.cancel(flowRunId);
    expect(asked.state).toBe('Running');
    expect((await owner.executor.waitFor(flowRunId)).state).toBe('Cancelled');
    expect((await other.executor.waitFor(flowRunId)).state).toBe('Cancelled');
  });

  it('refuses to cancel a run that has ended, and to retry one that has not', async () => {
    const h = startExecutor();
    const done = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 1 } }] });
    await expect(h.executor.cancel(done.flowRunId)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const { flowRunId } = h.executor.start('sequence', { calls: [{ task: 'test.wait', input: { ms: 60_000 } }] });
    expect(() => h.executor.retry(flowRunId)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await expect(h.executor.cancel('nope')).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('retry starts a new run of the same flow with the same params, linked to the first', async () => {
    const h = startExecutor();
    const first = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 'again' } }] });
    const second = await h.executor.waitFor(h.executor.retry(first.flowRunId).flowRunId);
    expect(second).toMatchObject({ state: 'Completed', retryOf: first.flowRunId, params: first.params, result: ['again'] });
  });
});
