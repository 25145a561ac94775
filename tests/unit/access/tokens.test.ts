import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { tempDir } from '../../support/temp-dir';

async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  const out = { stdout: '', stderr: '' };
  try {
    const code = await runCli(argv, commands, { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
    return { code, ...out };
  } finally {
    process.env = saved;
  }
}

describe('access tokens', () => {
  it('serve --generate-token prints a strong token and exits', async () => {
    const first = await cli(['serve', '--generate-token']);
    const second = await cli(['serve', '--generate-token']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(second.stdout).not.toBe(first.stdout);
  });

  it.each([
    [['--token', 'short-token'], {}, /--token is 11 characters long; a token needs at least 16/],
    [['--token', ''], {}, /--token is blank/],
    [['--token', '                    '], {}, /--token is blank/],
    [[], { NEUROOPS_TOKEN: 'abc' }, /\$NEUROOPS_TOKEN is 3 characters long/],
    [['--user-name', 'carol'], { NEUROOPS_TOKEN: undefined }, /--user-name names the holder of --token/],
  ])('serve %j refuses a weak token with a message, before creating a database', async (args, env, message) => {
    const dataDir = tempDir();
    const result = await cli(['serve', '--port', '0', '--data-dir', dataDir, ...args], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(fs.existsSync(path.join(dataDir, 'neuroops.db'))).toBe(false);
  });
});
