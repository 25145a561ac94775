import { describe, expect, it } from 'vitest';
import { startExecutor } from './fixtures/executor-harness';

describe('executor: a flow that succeeds', () => {
  it('goes Scheduled → Pending → Running → Completed, with its task run and every transition stored', async () => {
    const h = startExecutor();
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: { a: 1 }, steps: 4 } }] });
    expect(run.state).toBe('Completed');
    expect(run.result).toEqual([{ a: 1 }]);
    const detail = h.executor.getFlowRun(run.flowRunId);
    expect(detail.transitions.map((t) => t.to)).toEqual(['Scheduled', 'Pending', 'Running', 'Completed']);
    expect(detail.taskRuns).toHaveLength(1);
    expect(h.taskStates(run.flowRunId)).toEqual(['Scheduled', 'Pending', 'Running', 'Completed']);
    const task = detail.taskRuns[0]!;
    expect(task.progress).toBe(1);
    expect(task.progressMessage).toBe('step 4');
    for (const t of [...detail.transitions, ...task.transitions]) expect(t.at).toBeGreaterThan(0);
    const logs = h.executor.logs({ flowRunId: run.flowRunId, afterLogId: 0, limit: 100 });
    expect(logs.map((l) => l.message)).toContain('echo attempt 1');
  });
});

describe('executor: announcements only when someone listens', () => {
  const changes = (h: ReturnType<typeof startExecutor>) =>
    h.notices.filter((n) => n.name === 'executor.taskRunChanged' || n.name === 'executor.flowRunChanged' || n.name === 'executor.progress');

  it('announces every changed run to a listener, and builds none while no one listens, storing the same', async () => {
    const calls = [{ task: 'test.echo', input: { value: 1, steps: 2 } }];
    const heard = startExecutor();
    const unheard = startExecutor({ hasListeners: () => false });
    const [a, b] = await Promise.all([heard.runFlow('sequence', { calls }), unheard.runFlow('sequence', { calls })]);
    expect(changes(heard).length).toBeGreaterThan(0);
    expect(changes(heard).at(-1)).toMatchObject({ name: 'executor.flowRunChanged', payload: { flowRunId: a.flowRunId, state: 'Completed' } });
    expect(changes(unheard)).toEqual([]);
    expect(unheard.taskStates(b.flowRunId)).toEqual(heard.taskStates(a.flowRunId));
    expect(unheard.executor.getFlowRun(b.flowRunId).taskRuns[0]).toMatchObject({ state: 'Completed', progress: 1, progressMessage: 'step 2' });
  });
});
