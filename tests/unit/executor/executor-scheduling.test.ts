import { describe, expect, it } from 'vitest';
import { startExecutor } from './fixtures/executor-harness';
import { waitUntil } from './fixtures/wait-until';

describe('executor: results cache (opt-in per task)', () => {
  it('a second call with the same input and task version is answered from the cache, without a worker', async () => {
    const h = startExecutor();
    const first = await h.runFlow('sequence', { calls: [{ task: 'test.compute', input: { x: 21 } }] });
    const firstTask = h.executor.getFlowRun(first.flowRunId).taskRuns[0]!;
    expect(firstTask.cached).toBe(false);
    const second = await h.runFlow('sequence', { calls: [{ task: 'test.compute', input: { x: 21 } }] });
    expect(second.result).toEqual(first.result);
    // computedBy names the task run that really computed it: the first one.
    expect((second.result as Array<{ computedBy: string }>)[0]!.computedBy).toBe(firstTask.taskRunId);
    const secondTask = h.executor.getFlowRun(second.flowRunId).taskRuns[0]!;
    expect(secondTask.cached).toBe(true);
    expect(secondTask.transitions.map((t) => t.to)).toEqual(['Scheduled', 'Completed']);
    const third = await h.runFlow('sequence', { calls: [{ task: 'test.compute', input: { x: 22 } }] });
    expect(h.executor.getFlowRun(third.flowRunId).taskRuns[0]!.cached).toBe(false);
  });

  it('a task without cache: true is never answered from the cache', async () => {
    const h = startExecutor();
    const calls = [{ task: 'test.compute', input: { x: 5 }, options: { cache: false } }];
    await h.runFlow('sequence', { calls });
    const again = await h.runFlow('sequence', { calls });
    expect(h.executor.getFlowRun(again.flowRunId).taskRuns[0]!.cached).toBe(false);
  });
});

describe('executor: concurrency limits by tag', () => {
  it('never runs more attempts of a tag at once than its limit, while untagged tasks use the free workers', async () => {
    const h = startExecutor({ poolSize: 3, concurrencyLimits: { gpu: 1 } });
    const gpu = { task: 'test.wait', input: { ms: 300 }, options: { tags: ['gpu'] } };
    const { flowRunId } = h.executor.start('parallel', { calls: [gpu, gpu, gpu, { task: 'test.echo', input: { value: 'free' } }] });
    let mostAtOnce = 0;
    let echoRanWhileGpuBusy = false;
    const run = await waitUntil(() => {
      const tasks = h.executor.getFlowRun(flowRunId).taskRuns;
      const gpuHolding = tasks.slice(0, 3).filter((t) => t.state === 'Pending' || t.state === 'Running').length;
      mostAtOnce = Math.max(mostAtOnce, gpuHolding);
      if (gpuHolding > 0 && tasks[3]?.state === 'Completed') echoRanWhileGpuBusy = true;
      const flow = h.executor.getFlowRun(flowRunId).flowRun;
      return flow.state === 'Completed' ? flow : null;
    }, 'the flow to complete');
    expect(run.result).toEqual(['waited', 'waited', 'waited', 'free']);
    expect(mostAtOnce).toBe(1);
    expect(echoRanWhileGpuBusy).toBe(true);
  });
});

describe('executor: the pool', () => {
  it('runs tasks at once up to its size and reports its state', async () => {
    const h = startExecutor({ poolSize: 2 });
    const run = await h.runFlow('parallel', { calls: [1, 2, 3, 4].map((value) => ({ task: 'test.echo', input: { value } })) });
    expect(run.result).toEqual([1, 2, 3, 4]);
    expect(h.executor.poolStats()).toMatchObject({ size: 2, live: 2, busy: 0, lost: 0 });
  });
});

describe('executor: events', () => {
  it('announces flow and task state changes, progress and log lines, once per batch and after it is stored', async () => {
    const h = startExecutor();
    const run = await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 1, steps: 3 } }] });
    // Changes within one batch are announced once, with the latest state; the order holds.
    const order = ['Scheduled', 'Pending', 'Running', 'Completed'];
    const flowStates = h.notices.filter((n) => n.name === 'executor.flowRunChanged').map((n) => n.payload.state);
    expect(flowStates.at(-1)).toBe('Completed');
    expect(flowStates.map((s) => order.indexOf(s))).toEqual([...flowStates.map((s) => order.indexOf(s))].sort());
    const taskNotices = h.notices.flatMap((n) => (n.name === 'executor.taskRunChanged' ? [n.payload] : []));
    expect(taskNotices.at(-1)!.transitions.map((t) => t.to)).toEqual(order);
    const progress = h.notices.filter((n) => n.name === 'executor.progress');
    expect(progress.at(-1)?.payload).toMatchObject({ flowRunId: run.flowRunId, fraction: 1, message: 'step 3' });
    const lines = h.notices.flatMap((n) => (n.name === 'executor.logLines' ? n.payload.lines : []));
    expect(lines.map((l) => l.message)).toContain('echo attempt 1');
    for (const line of lines) expect(line.logId).toBeGreaterThan(0);
  });
});

describe('executor: logs are searchable', () => {
  it('filters by flow run, minimum level and text, and pages by log id', async () => {
    const h = startExecutor();
    const a = await h.runFlow('sequence', { calls: [{ task: 'test.fail', input: { message: 'needle in the haystack' } }] });
    await h.runFlow('sequence', { calls: [{ task: 'test.echo', input: { value: 1 } }] });
    const found = h.executor.logs({ search: 'needle', afterLogId: 0, limit: 100 });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((l) => l.flowRunId === a.flowRunId && l.message.includes('needle'))).toBe(true);
    const all = h.executor.logs({ flowRunId: a.flowRunId, afterLogId: 0, limit: 100 });
    const errorsOnly = h.executor.logs({ flowRunId: a.flowRunId, minLevel: 'error', afterLogId: 0, limit: 100 });
    expect(errorsOnly.length).toBeLessThan(all.length);
    expect(errorsOnly.every((l) => l.level === 'error')).toBe(true);
    const page = h.executor.logs({ flowRunId: a.flowRunId, afterLogId: all[0]!.logId, limit: 1 });
    expect(page).toEqual([all[1]]);
    // LIKE wildcards in the search text are matched literally.
    expect(h.executor.logs({ search: '%', afterLogId: 0, limit: 10 })).toEqual([]);
  });
});
