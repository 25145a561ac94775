import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { startExecutor } from './fixtures/executor-harness';
import { waitUntil } from './fixtures/wait-until';

const BROKEN_REGISTRY_URL = new URL('./fixtures/broken-registry.ts', import.meta.url).href;

describe('executor: transitions out of Pending', () => {
  it('Pending → Cancelling → Cancelled: a task cancelled while its worker is still starting', async () => {
    const h = startExecutor({ poolSize: 1 });
    const { flowRunId } = h.executor.start('sequence', { calls: [{ task: 'test.wait', input: { ms: 60_000 } }] });
    // A fresh pool starts its worker on demand, so the first attempt waits in Pending.
    await waitUntil(() => h.executor.getFlowRun(flowRunId).taskRuns[0]?.state === 'Pending', 'the task to be sent to a worker');
    await h.executor.cancel(flowRunId);
    expect((await h.executor.waitFor(flowRunId)).state).toBe('Cancelled');
    expect(h.taskStates(flowRunId)).toEqual(['Scheduled', 'Pending', 'Cancelling', 'Cancelled']);
  });

  it('Pending → Retrying → … → Failed: a worker that dies before it starts the task', async () => {
    const h = startExecutor({ poolSize: 1, registryUrl: BROKEN_REGISTRY_URL });
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 1 }, options: { retries: 1, retryDelayMs: 1 } }] });
    expect(run.state).toBe('Failed');
    expect(h.taskStates(run.flowRunId)).toEqual(['Scheduled', 'Pending', 'Retrying', 'Scheduled', 'Pending', 'Failed']);
    const task = h.executor.getFlowRun(run.flowRunId).taskRuns[0]!;
    expect(task.stateMessage).toContain('this registry is broken on purpose');
  });
});

describe('executor: crash recovery of every unfinished state', () => {
  it('marks a dead process run Crashed, with its Scheduled, Pending, Running, Retrying and Cancelling tasks, in one go', async () => {
    const h = startExecutor();
    const done = await h.runFlow('sequence', { calls: [1, 2, 3, 4, 5].map((value) => ({ task: 'test.echo', input: { value } })) });
    const tasks = h.executor.getFlowRun(done.flowRunId).taskRuns;
    // Rewrite the finished run as a dead process would have left it.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    h.db.prepare(`UPDATE flow_runs SET state = 'Cancelling', ended_at = NULL, owner_pid = ?, owner_host = ? WHERE flow_run_id = ?`).run(dead, os.hostname(), done.flowRunId);
    const left = ['Scheduled', 'Pending', 'Running', 'Retrying', 'Cancelling'] as const;
    left.forEach((state, i) => h.db.prepare('UPDATE task_runs SET state = ?, ended_at = NULL WHERE task_run_id = ?').run(state, tasks[i]!.taskRunId));

    const crashed = await h.executor.recoverCrashedRuns();
    expect(crashed.map((r) => r.state)).toEqual(['Crashed']);
    const detail = h.executor.getFlowRun(done.flowRunId);
    expect(detail.transitions.at(-1)).toMatchObject({ from: 'Cancelling', to: 'Crashed' });
    detail.taskRuns.forEach((task, i) => {
      expect(task.state).toBe('Crashed');
      expect(task.transitions.at(-1)).toMatchObject({ from: left[i], to: 'Crashed' });
      expect(task.endedAt).not.toBeNull();
    });
  });
});
