import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { REPO_ROOT } from '../../e2e/support/server';
import { tempDir } from '../../support/temp-dir';
import { waitUntil } from './fixtures/wait-until';

const BIN = path.join(REPO_ROOT, 'bin', 'neuroops.mjs');
const tagsOf = (tags: Array<{ key: string; value: string }>) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

/** Every run's state agrees with the last transition in its history: nothing was half-written. */
function expectConsistent(core: Core): void {
  const mismatches = core.db
    .prepare(
      `SELECT state, json_extract(transitions_json, '$[#-1].to') AS last FROM flow_runs
       UNION ALL
       SELECT state, json_extract(transitions_json, '$[#-1].to') FROM task_runs`,
    )
    .all() as Array<{ state: string; last: string }>;
  expect(mismatches.length).toBeGreaterThan(0);
  for (const row of mismatches) expect(row.last).toBe(row.state);
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(core.db.pragma('foreign_key_check')).toEqual([]);
}

describe('executor: kill -9 of the whole process mid-flow', () => {
  it('after a restart the run is Crashed (tracked run FAILED, reason in a tag and the log), finished stages kept, no row half-written', async () => {
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      [BIN, 'flows', 'run', 'example_pipeline', '--param', 'repeats=200', '--param', 'delayMsPerRepeat=200', '--data-dir', dataDir],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Kill it while the train stage is busy, with progress flowing.
    await waitUntil(() => /train \d+% split 3 of/.test(stderr), `the train stage to report progress (stderr so far: ${stderr})`, 60_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const core = await createCore({ dataDir });
    try {
      const [run] = await core.dispatcher.invoke('executor.listFlowRuns', {});
      expect(run!.state).toBe('Crashed');
      expect(run!.stateMessage).toContain(`pid ${child.pid}`);
      const { taskRuns, transitions } = await core.dispatcher.invoke('executor.getFlowRun', { flowRunId: run!.flowRunId });
      expect(transitions.map((t) => t.to)).toEqual(['Scheduled', 'Pending', 'Running', 'Crashed']);
      expect(taskRuns.map((t) => [t.label, t.state])).toEqual([['load', 'Completed'], ['process', 'Completed'], ['train', 'Crashed']]);
      expect(taskRuns[2]!.progress).toBeGreaterThan(0);

      const logs = await core.dispatcher.invoke('executor.listLogs', { flowRunId: run!.flowRunId, minLevel: 'error' });
      expect(logs.map((l) => l.message).join('\n')).toContain('Crashed: the process that ran it');

      for (const trackingRunId of [run!.trackingRunId!, taskRuns[2]!.trackingRunId!]) {
        const tracked = core.services.tracking.getRun(trackingRunId);
        expect(tracked.info.status).toBe('FAILED');
        expect(tagsOf(tracked.data.tags)['neuroops.crash_reason']).toContain('stopped while the run was');
      }
      expect(core.services.tracking.getRun(taskRuns[0]!.trackingRunId!).info.status).toBe('FINISHED');
      expectConsistent(core);
    } finally {
      await core.close();
    }
  });
});

describe('executor: crash recovery leaves live runs alone', () => {
  it('a run whose process is alive is not crashed; once that process is gone, it is', async () => {
    const dataDir = tempDir();
    const owner = await createCore({ dataDir });
    const started = await owner.dispatcher.invoke('executor.startFlowRun', { flowName: 'example_pipeline', params: { repeats: 100, delayMsPerRepeat: 100 } });
    // A second core in this process is a restart that finds the first still running it.
    const second = await createCore({ dataDir });
    expect((await second.dispatcher.invoke('executor.getFlowRun', { flowRunId: started.flowRunId })).flowRun.state).not.toBe('Crashed');
    await second.close();
    // Pretend the run belongs to a process that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    await owner.services.executor.cancel(started.flowRunId);
    await owner.services.executor.waitFor(started.flowRunId);
    await owner.close();
    const reopened = await createCore({ dataDir });
    try {
      reopened.db.prepare(`UPDATE flow_runs SET state = 'Running', owner_pid = ? WHERE flow_run_id = ?`).run(dead, started.flowRunId);
      const crashed = await reopened.services.executor.recoverCrashedRuns();
      expect(crashed.map((r) => [r.flowRunId, r.state])).toEqual([[started.flowRunId, 'Crashed']]);
      expect(await reopened.services.executor.recoverCrashedRuns()).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});

describe('neuroops flows', () => {
  it('Ctrl+C during `flows run` cancels the run, waits for it to stop, and exits non-zero', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [BIN, 'flows', 'run', 'example_pipeline', '--param', 'repeats=500', '--param', 'delayMsPerRepeat=100', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitUntil(() => /train \d+% split/.test(stderr), `the train stage to report progress (stderr so far: ${stderr})`, 60_000);
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toContain('Cancelling…');
    expect(stdout).toMatch(/\(example_pipeline\) Cancelled in/);
  });


  it('runs the documented example pipeline from the command line', async () => {
    const dataDir = tempDir();
    const result = spawnSync(process.execPath, [BIN, 'flows', 'run', 'example_pipeline', '--param', 'subjects=30', '--json', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const run = JSON.parse(result.stdout) as { state: string; params: unknown; result: { accuracy: number } };
    expect(run).toMatchObject({ state: 'Completed', params: { subjects: 30, repeats: 5 } });
    expect(run.result.accuracy).toBeGreaterThan(0.5);
    expect(result.stderr).toContain('task train: Completed');
    expect(result.stderr).toContain('train 100% split 5 of 5');
  });
});
