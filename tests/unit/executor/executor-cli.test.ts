import { describe, expect, it } from 'vitest';
import { commands } from '../../../main/cli/commands';
import { paramsFromPairs } from '../../../main/cli/commands/flows-params';
import { runCli } from '../../../main/cli/run-cli';
import { tempDir } from '../../support/temp-dir';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function cli(args: string[]) {
  const { out, io } = capture();
  const code = await runCli(args, commands, io);
  return { code, ...out };
}

describe('neuroops flows (in process)', () => {
  it('run, runs, logs and cancel work together, and bad input is a clear error with no run stored', async () => {
    const dir = tempDir();
    const list = await cli(['flows', 'list', '--data-dir', dir]);
    expect(list.stdout).toMatch(/example_pipeline\s+1\s+Synthetic/);

    const unknown = await cli(['flows', 'run', 'nope', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No flow is named "nope"');
    expect(unknown.stderr).toContain('[RESOURCE_DOES_NOT_EXIST]');
    const badParams = await cli(['flows', 'run', 'example_pipeline', '--param', 'repeats=0', '--data-dir', dir]);
    expect(badParams.code).toBe(1);
    expect(badParams.stderr).toContain('repeats');
    expect(badParams.stderr).toContain('[INVALID_PARAMETER_VALUE]');
    expect((await cli(['flows', 'runs', '--data-dir', dir])).stdout).toBe('No flow runs.\n');

    const run = await cli(['flows', 'run', 'example_pipeline', '--param', 'subjects=20', '--data-dir', dir]);
    expect(run.code).toBe(0);
    const id = /Flow run ([0-9a-f]{32}) \(example_pipeline\) Completed/.exec(run.stdout)![1]!;

    const runs = JSON.parse((await cli(['flows', 'runs', '--state', 'Completed', '--json', '--data-dir', dir])).stdout) as Array<{ flowRunId: string }>;
    expect(runs.map((r) => r.flowRunId)).toEqual([id]);
    expect(JSON.parse((await cli(['flows', 'runs', '--state', 'Failed', '--json', '--data-dir', dir])).stdout)).toEqual([]);
    expect((await cli(['flows', 'runs', '--state', 'Done', '--data-dir', dir])).stderr).toContain('--state must be one of');

    const logs = await cli(['flows', 'logs', id, '--follow', '--data-dir', dir]);
    expect(logs.stdout).toMatch(/INFO {2}\[train\] mean accuracy over 5 splits/);
    expect(logs.stdout).toContain('flow example_pipeline completed');
    const searched = await cli(['flows', 'logs', id, '--search', 'accuracy', '--data-dir', dir]);
    expect(searched.stdout.trim().split('\n')).toHaveLength(1);

    const cancel = await cli(['flows', 'cancel', id, '--data-dir', dir]);
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toContain('has already ended (Completed)');
  });
});

describe('--param parsing', () => {
  it('reads JSON values, keeps other text as strings, and nests dotted keys', () => {
    expect(paramsFromPairs(['repeats=3', 'name=alpha', 'flag=true', 'list=[1,2]', 'train.args.seed=4', 'train.fn=example.x', 'eq=a=b'])).toEqual({
      repeats: 3,
      name: 'alpha',
      flag: true,
      list: [1, 2],
      train: { args: { seed: 4 }, fn: 'example.x' },
      eq: 'a=b',
    });
  });

  it('refuses pairs without "=", unusable keys and a key that is both a value and a parent', () => {
    expect(() => paramsFromPairs(['repeats'])).toThrow(/has no "="/);
    expect(() => paramsFromPairs(['__proto__.x=1'])).toThrow(/not a usable name/);
    expect(() => paramsFromPairs(['a=1', 'a.b=2'])).toThrow(/already given a value/);
  });
});
