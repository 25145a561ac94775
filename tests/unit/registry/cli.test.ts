import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { tempDir } from '../../support/temp-dir';
import { openRegistrySeed } from './seed';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function cli(dataDir: string, ...argv: string[]) {
  const { out, io } = capture();
  const code = await runCli([...argv, '--data-dir', dataDir], commands, io);
  return { code, ...out };
}

/** A data folder holding model "clf" with two versions from finished runs (accuracy 0.8 and 0.9). */
async function seeded(): Promise<string> {
  const dataDir = tempDir();
  await openRegistrySeed(dataDir, [0.8, 0.9]);
  return dataDir;
}

describe('neuroops models', () => {
  it('promotes with a reason, shows the history, rolls back, and lists the production version', async () => {
    const dataDir = await seeded();
    const noReason = await cli(dataDir, 'models', 'promote', 'clf', '1');
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('--reason');

    expect((await cli(dataDir, 'models', 'promote', 'clf', '1', '--reason', 'pilot baseline')).stdout).toContain('clf version 1 is now in production');
    const promoted = JSON.parse((await cli(dataDir, 'models', 'promote', 'clf', '2', '--reason', 'better accuracy', '--json')).stdout);
    expect(promoted.transition).toMatchObject({ kind: 'promote', fromVersion: 1, toVersion: 2, reason: 'better accuracy', metrics: { from: { accuracy: 0.8 }, to: { accuracy: 0.9 } } });

    const history = await cli(dataDir, 'models', 'history', 'clf');
    expect(history.stdout).toMatch(/promote\s+v1 -> v2 {2}by .+\n {4}better accuracy/);
    expect(history.stdout).toContain('metrics before: accuracy=0.8 | after: accuracy=0.9');

    const list = JSON.parse((await cli(dataDir, 'models', 'list', '--json')).stdout);
    expect(list.models[0]).toMatchObject({ name: 'clf', versionCount: 2, production: { version: 2, metrics: { accuracy: 0.9 } } });

    expect((await cli(dataDir, 'models', 'rollback', 'clf', '--reason', 'drift at site B')).stdout).toContain('clf version 1 is now in production');
    const show = await cli(dataDir, 'models', 'show', 'clf');
    expect(show.stdout).toMatch(/1\s+Production\s+production\s+READY/);
    expect(show.stdout).toMatch(/2\s+Archived\s+-\s+READY/);
  });

  it('exports a bundle and imports it under another name; a missing model is an error with its code', async () => {
    const dataDir = await seeded();
    const out = path.join(tempDir(), 'clf-v2.zip');
    expect((await cli(dataDir, 'models', 'export', 'clf', '2', '--out', out)).stdout).toContain(`Wrote ${out}`);
    const again = await cli(dataDir, 'models', 'export', 'clf', '2', '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[RESOURCE_ALREADY_EXISTS]');

    const imported = JSON.parse((await cli(dataDir, 'models', 'import', out, '--name', 'clf-copy', '--json')).stdout);
    expect(imported).toMatchObject({ name: 'clf-copy', version: 1, originalVersion: 2 });

    expect((await cli(dataDir, 'models', 'gate', 'clf', '--metric', 'accuracy')).stdout).toContain('accuracy not worse');
    expect((await cli(dataDir, 'models', 'promote', 'clf', '2', '--reason', 'best so far')).code).toBe(0);
    const worse = await cli(dataDir, 'models', 'promote', 'clf', '1', '--reason', 'smaller model');
    expect(worse.code).toBe(1);
    expect(worse.stderr).toContain('[GATE_FAILED]');
    const overridden = JSON.parse((await cli(dataDir, 'models', 'promote', 'clf', '1', '--reason', 'smaller model', '--override-gate', 'runs on the bedside device', '--json')).stdout);
    expect(overridden.transition.gate).toMatchObject({ metric: 'accuracy', passed: false, overrideReason: 'runs on the bedside device' });
    expect((await cli(dataDir, 'models', 'gate', 'clf', '--off')).stdout).toContain('no promotion gate');

    const missing = await cli(dataDir, 'models', 'history', 'ghost');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[RESOURCE_DOES_NOT_EXIST]');
  });

  it('deletes a model only with --yes, and keeps its history in the audit trail', async () => {
    const dataDir = await seeded();
    await cli(dataDir, 'models', 'promote', 'clf', '2', '--reason', 'best so far');
    const unconfirmed = await cli(dataDir, 'models', 'delete', 'clf');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    expect((await cli(dataDir, 'models', 'list')).stdout).toContain('clf');

    const deleted = await cli(dataDir, 'models', 'delete', 'clf', '--yes', '--reason', 'replaced by a new montage');
    expect(deleted.stdout).toContain('Deleted model clf');
    expect((await cli(dataDir, 'models', 'list')).stdout).toContain('No registered models yet');
    const audit = await cli(dataDir, 'models', 'audit', '--name', 'clf');
    expect(audit.stdout).toMatch(/clf \(deleted\) {2}\S+ \S+ {2}delete {3}v2 -> none {2}by .+\n {4}replaced by a new montage/);
    expect(audit.stdout).toMatch(/clf \(deleted\) {2}\S+ \S+ {2}promote {2}none -> v2/);
    const json = JSON.parse((await cli(dataDir, 'models', 'audit', '--json', '--limit', '1')).stdout);
    expect(json.transitions).toHaveLength(1);
    expect(json.transitions[0]).toMatchObject({ kind: 'delete', name: 'clf', modelDeleted: true });
    expect((await cli(dataDir, 'models', 'audit', '--limit', 'many')).code).toBe(1);
  });
});
