import os from 'node:os';
import type { FlowRun } from '../../contract/executor';
import type { Runtime } from './runtime';
import { isTerminal } from './states';
import { toFlowRun, type FlowRunRow } from './run-rows';

/** Whether a process exists. EPERM means it does, but belongs to someone else. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RecoveryOptions {
  /** Flow runs this process is running right now: never crashed, whatever their pid says. */
  liveHere: ReadonlySet<string>;
  isAlive?: (pid: number) => boolean;
}

/** A run is orphaned when the process that ran it on this machine is gone. Another machine's runs are left alone. */
export function isOrphaned(row: FlowRunRow, options: RecoveryOptions): boolean {
  if (isTerminal(row.state) || options.liveHere.has(row.flow_run_id)) return false;
  if (row.owner_host !== os.hostname()) return false;
  if (row.owner_pid === process.pid) return true;
  return !(options.isAlive ?? processIsAlive)(row.owner_pid);
}

/**
 * Marks one orphaned flow run Crashed, with every unfinished task run, in one transaction;
 * the reason goes to the run's log and to its tracked runs (FAILED, with a tag).
 */
export async function markCrashed(rt: Runtime, row: FlowRunRow): Promise<FlowRun> {
  const at = Date.now();
  const reason = `the process that ran it (pid ${row.owner_pid} on ${row.owner_host}) stopped while the run was ${row.state}`;
  const tasks = rt.store.taskRunRows(row.flow_run_id).filter((task) => !isTerminal(task.state));
  rt.batcher.flush();
  rt.batcher.write(() => {
    for (const task of tasks) {
      rt.store.setTaskState(task.task_run_id, { state: 'Crashed', from: task.state, at, message: reason, columns: { ended_at: at } });
    }
    rt.store.setFlowState(row.flow_run_id, { state: 'Crashed', from: row.state, at, message: reason, columns: { ended_at: at } });
  });
  rt.log({ flowRunId: row.flow_run_id, taskRunId: null }, 'error', `Crashed: ${reason}.`, at);
  rt.batcher.flush();
  const tracked = [row.tracking_run_id, ...tasks.map((task) => task.tracking_run_id)].filter((id): id is string => Boolean(id));
  const target = { flowRunId: row.flow_run_id, taskRunId: null };
  await Promise.all(
    tracked.map((runId) =>
      rt.track(target, `mark tracked run ${runId} FAILED`, async () => {
        await rt.tracker.logBatch(runId, { tags: [{ key: 'neuroops.state', value: 'Crashed' }, { key: 'neuroops.crash_reason', value: reason }] });
        await rt.tracker.endRun(runId, 'FAILED', at);
      }),
    ),
  );
  const crashed = toFlowRun(rt.store.flowRunRow(row.flow_run_id)!);
  rt.notify({ name: 'executor.flowRunChanged', payload: crashed });
  return crashed;
}
