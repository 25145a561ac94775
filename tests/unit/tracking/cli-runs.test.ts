import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { runsCommands } from '../../../main/cli/commands/runs';
import { runCli } from '../../../main/cli/run-cli';
import { tempDir } from '../../support/temp-dir';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function seed(dataDir: string): Promise<{ good: string; bad: string }> {
  const core = await createCore({ dataDir });
  const tracking = core.services.tracking;
  try {
    const exp = await tracking.createExperiment({ name: 'motor' });
    const good = (await tracking.createRun({ experimentId: exp, runName: 'good', startTime: 2000 })).runId;
    const bad = (await tracking.createRun({ experimentId: exp, runName: 'bad', startTime: 1000 })).runId;
    await tracking.logBatch(good, { metrics: [{ key: 'acc', value: 0.9, step: 3, timestamp: 1 }], params: [{ key: 'model', value: 'eegnet' }] });
    await tracking.logBatch(bad, { metrics: [{ key: 'acc', value: 0.4, step: 3, timestamp: 1 }] });
    await tracking.createRun({ experimentId: '0', runName: 'elsewhere', startTime: 500 });
    return { good, bad };
  } finally {
    await core.close();
  }
}

describe('neuroops runs', () => {
  it('lists runs of every experiment, or of one, filtered', async () => {
    const dataDir = tempDir();
    const { good, bad } = await seed(dataDir);
    const all = capture();
    expect(await runCli(['runs', 'list', '--data-dir', dataDir, '--json'], runsCommands, all.io)).toBe(0);
    expect(JSON.parse(all.out.stdout).runs.map((r: { info: { runName: string } }) => r.info.runName)).toEqual(['good', 'bad', 'elsewhere']);

    const filtered = capture();
    const code = await runCli(['runs', 'list', '--data-dir', dataDir, '--experiment', 'motor', '--filter', 'metrics.acc > 0.5'], runsCommands, filtered.io);
    expect(code).toBe(0);
    expect(filtered.out.stdout).toContain(good);
    expect(filtered.out.stdout).toContain('acc=0.9');
    // Ids are random hex, so look for the other run's id and its name as a whole word.
    expect(filtered.out.stdout).not.toContain(bad);
    expect(filtered.out.stdout).not.toMatch(/\bbad\b/);
  });

  it('shows one run as text and as JSON', async () => {
    const dataDir = tempDir();
    const { good } = await seed(dataDir);
    const text = capture();
    expect(await runCli(['runs', 'show', good, '--data-dir', dataDir], runsCommands, text.io)).toBe(0);
    expect(text.out.stdout).toContain('model = eegnet');
    expect(text.out.stdout).toContain('acc = 0.9 (step 3)');
    const json = capture();
    await runCli(['runs', 'show', good, '--data-dir', dataDir, '--json'], runsCommands, json.io);
    expect(JSON.parse(json.out.stdout).data.params).toEqual([{ key: 'model', value: 'eegnet' }]);
  });

  it('reports a malformed filter, an unknown experiment and an unknown run with their codes', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    const bad = capture();
    expect(await runCli(['runs', 'list', '--data-dir', dataDir, '--filter', 'metrics.acc >'], runsCommands, bad.io)).toBe(1);
    expect(bad.out.stderr).toMatch(/position 14.*\[INVALID_PARAMETER_VALUE\]/);
    const noExp = capture();
    expect(await runCli(['runs', 'list', '--data-dir', dataDir, '--experiment', 'nope'], runsCommands, noExp.io)).toBe(1);
    expect(noExp.out.stderr).toContain('[RESOURCE_DOES_NOT_EXIST]');
    const noRun = capture();
    expect(await runCli(['runs', 'show', 'f'.repeat(32), '--data-dir', dataDir], runsCommands, noRun.io)).toBe(1);
    expect(noRun.out.stderr).toContain('[RESOURCE_DOES_NOT_EXIST]');
  });
});
