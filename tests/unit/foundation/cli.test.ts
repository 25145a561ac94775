import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../main/cli/command';
import { printResult } from '../../../main/cli/command';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { AppError } from '../../../main/core/app-error';
import { REPO_ROOT, startServe } from '../../e2e/support/server';
import { tempDir } from '../../support/temp-dir';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

const echo: CliCommand = {
  path: ['things', 'show'],
  summary: 'Shows a thing.',
  args: 'NAME',
  options: { loud: { type: 'boolean', description: 'shout' } },
  async run(ctx) {
    const name = ctx.positionals[0];
    if (!name) throw new AppError('INVALID_PARAMETER_VALUE', 'Give the NAME of a thing.');
    const info = await (await ctx.openCore()).dispatcher.invoke('system.info', {});
    printResult(ctx, { name, loud: Boolean(ctx.values.loud), dataDir: info.dataDir }, (d) => (d.loud ? d.name.toUpperCase() : d.name));
  },
};

describe('CLI', () => {
  it('lists commands with --help, and every real command has its own --help', async () => {
    const { out, io } = capture();
    expect(await runCli(['--help'], commands, io)).toBe(0);
    expect(out.stdout).toContain('serve');
    for (const command of commands) {
      const one = capture();
      expect(await runCli([...command.path, '--help'], commands, one.io)).toBe(0);
      expect(one.out.stdout).toContain(`Usage: neuroops ${command.path.join(' ')}`);
    }
  });

  it('every command group answers --help with its subcommands; alone it shows them as a usage error', async () => {
    const groups = [...new Set(commands.filter((c) => c.path.length > 1).map((c) => c.path[0]!))];
    expect(groups).toEqual(expect.arrayContaining(['flows', 'runs', 'models']));
    for (const group of groups) {
      for (const flag of ['--help', '-h']) {
        const help = capture();
        expect(await runCli([group, flag], commands, help.io)).toBe(0);
        expect(help.out.stdout).toContain(`Usage: neuroops ${group} <command>`);
        for (const member of commands.filter((c) => c.path[0] === group)) expect(help.out.stdout).toContain(member.path.join(' '));
        expect(help.out.stderr).toBe('');
      }
      const alone = capture();
      expect(await runCli([group], commands, alone.io)).toBe(2);
      expect(alone.out.stdout).toContain(`Usage: neuroops ${group} <command>`);
    }
    const unknown = capture();
    expect(await runCli(['flows', 'nonsense'], commands, unknown.io)).toBe(2);
    expect(unknown.out.stderr).toContain('Run "neuroops flows --help" for the list.');
  });

  it('prints text or --json, and opens the chosen data folder', async () => {
    const dir = tempDir();
    const text = capture();
    expect(await runCli(['things', 'show', 'probe', '--loud', '--data-dir', dir], [echo], text.io)).toBe(0);
    expect(text.out.stdout).toBe('PROBE\n');
    const json = capture();
    expect(await runCli(['things', 'show', 'probe', '--json', '--data-dir', dir], [echo], json.io)).toBe(0);
    expect(JSON.parse(json.out.stdout)).toEqual({ name: 'probe', loud: false, dataDir: path.resolve(dir) });
  });

  it('sends errors to stderr with a non-zero exit code', async () => {
    const unknown = capture();
    expect(await runCli(['frobnicate'], [echo], unknown.io)).toBe(2);
    expect(unknown.out.stderr).toContain('unknown command "frobnicate"');
    const badFlag = capture();
    expect(await runCli(['things', 'show', '--nope'], [echo], badFlag.io)).toBe(2);
    expect(badFlag.out.stderr).toMatch(/Unknown option '--nope'/);
    const failing = capture();
    expect(await runCli(['things', 'show', '--data-dir', tempDir()], [echo], failing.io)).toBe(1);
    expect(failing.out.stderr).toBe('neuroops things show: Give the NAME of a thing. [INVALID_PARAMETER_VALUE]\n');
    expect(failing.out.stdout).toBe('');
  });

  it('is installed as `npx neuroops` in the checkout', () => {
    const result = spawnSync('npx', ['--no-install', 'neuroops', '--version'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.status).toBe(0);
  });

  it('serve answers /api/health, stops on SIGTERM and leaves a consistent database', async () => {
    const serve = await startServe();
    const health = await fetch(`${serve.url}api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(await serve.stop()).toBe(0);
    expect(serve.output()).toContain('database is closed');
    const db = new Database(path.join(serve.dataDir, 'neuroops.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    db.close();
  });

  it('serve refuses a non-loopback bind without a token', async () => {
    await expect(startServe(['--host', '0.0.0.0'])).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without an access token/);
  });
});
