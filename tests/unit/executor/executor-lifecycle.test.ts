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
