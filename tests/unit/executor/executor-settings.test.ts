import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../main/app/core';
import { startServer } from '../../../main/app/server';
import { commands } from '../../../main/cli/commands';
import { executorOverridesFromFlags } from '../../../main/cli/commands/serve-options';
import { runCli } from '../../../main/cli/run-cli';
import { DEFAULT_CANCEL_GRACE_MS, defaultPoolSize } from '../../../main/services/executor/executor';
import { poolSizeFromEnv, resolveExecutorSettings, tagLimitsFromEnv } from '../../../main/services/executor/executor-settings';
import { tempDir } from '../../support/temp-dir';

const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

afterEach(() => {
  vi.unstubAllEnvs();
  warn.mockClear();
});

describe('executor settings from the environment', () => {
  it('NEUROOPS_WORKERS sets the pool size; a bad value is reported and ignored', () => {
    expect(poolSizeFromEnv('3')).toBe(3);
    expect(poolSizeFromEnv(undefined)).toBeUndefined();
    expect(poolSizeFromEnv('')).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
    for (const bad of ['0', 'many', '2.5', '-1']) expect(poolSizeFromEnv(bad)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('NEUROOPS_TAG_LIMITS sets per-tag concurrency limits and skips malformed entries', () => {
    expect(tagLimitsFromEnv('gpu=1, io=4')).toEqual({ gpu: 1, io: 4 });
    expect(tagLimitsFromEnv('gpu=0,bad,x=y,ok=2')).toEqual({ ok: 2 });
    expect(tagLimitsFromEnv('gpu=0')).toBeUndefined();
    expect(tagLimitsFromEnv(undefined)).toBeUndefined();
  });
});

describe('resolveExecutorSettings', () => {
  it('takes flags over the environment over the defaults, and says which it used', () => {
    const env = { NEUROOPS_WORKERS: '5', NEUROOPS_TAG_LIMITS: 'gpu=1,io=4' };
    expect(resolveExecutorSettings({}, {})).toEqual({
      poolSize: defaultPoolSize(),
      tagLimits: {},
      cancelGraceMs: DEFAULT_CANCEL_GRACE_MS,
      sources: { poolSize: 'default', tagLimits: 'default', cancelGraceMs: 'default' },
    });
    expect(resolveExecutorSettings({}, env)).toMatchObject({ poolSize: 5, tagLimits: { gpu: 1, io: 4 }, sources: { poolSize: 'env', tagLimits: 'env' } });
    // --tag-limit replaces the variable as a whole: io's limit from the environment is gone.
    expect(resolveExecutorSettings({ poolSize: 2, tagLimits: { gpu: 2 } }, env)).toMatchObject({
      poolSize: 2,
      tagLimits: { gpu: 2 },
      sources: { poolSize: 'flag', tagLimits: 'flag' },
    });
  });

  it('falls back to the default when the environment holds nothing usable', () => {
    expect(resolveExecutorSettings({}, { NEUROOPS_WORKERS: 'lots', NEUROOPS_TAG_LIMITS: 'gpu' }).sources).toEqual({
      poolSize: 'default',
      tagLimits: 'default',
      cancelGraceMs: 'default',
    });
  });
});

describe('serve --workers and --tag-limit', () => {
  it('parses the flags, leaving unset ones to the environment', () => {
    expect(executorOverridesFromFlags(undefined, undefined)).toEqual({});
    expect(executorOverridesFromFlags('3', ['gpu=1', 'io=4'])).toEqual({ poolSize: 3, tagLimits: { gpu: 1, io: 4 } });
  });

  it('refuses bad values with BAD_REQUEST and a message that shows the right form', () => {
    expect(() => executorOverridesFromFlags('0')).toThrow(/--workers must be a whole number of at least 1, e\.g\. --workers 4; not "0"/);
    expect(() => executorOverridesFromFlags('two')).toThrow(/not "two"/);
    expect(() => executorOverridesFromFlags(undefined, ['gpu'])).toThrow(/--tag-limit takes TAG=N .* not "gpu"/);
    expect(() => executorOverridesFromFlags(undefined, ['gpu=0'])).toThrow(/not "gpu=0"/);
    expect(() => executorOverridesFromFlags(undefined, ['gpu=1', 'gpu=2'])).toThrow(/gives tag "gpu" twice \(1 and 2\)/);
    let error: unknown;
    try {
      executorOverridesFromFlags('1.5');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('stops `neuroops serve` with the code before anything starts', async () => {
    const dataDir = path.join(tempDir(), 'never-made');
    for (const args of [['--workers', '0'], ['--tag-limit', 'gpu=1', '--tag-limit', 'io']]) {
      const out = { stdout: '', stderr: '' };
      const code = await runCli(['serve', '--port', '0', '--data-dir', dataDir, ...args], commands, {
        stdout: (t) => void (out.stdout += t),
        stderr: (t) => void (out.stderr += t),
      });
      expect(code).toBe(1);
      expect(out.stderr).toMatch(/^neuroops serve: --(workers|tag-limit) .* \[BAD_REQUEST\]\n$/);
      expect(out.stdout).toBe('');
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('lists both flags in its help', async () => {
    let help = '';
    expect(await runCli(['serve', '--help'], commands, { stdout: (t) => void (help += t), stderr: () => {} })).toBe(0);
    expect(help).toMatch(/--workers N\s+worker threads for pipeline tasks \(default \$NEUROOPS_WORKERS/);
    expect(help).toMatch(/--tag-limit TAG=N\s+run at most N tasks tagged TAG at once; replaces \$NEUROOPS_TAG_LIMITS \(repeatable\)/);
  });
});

describe('executor.config', () => {
  it('answers the settings in force and where each came from', async () => {
    vi.stubEnv('NEUROOPS_WORKERS', '3');
    vi.stubEnv('NEUROOPS_TAG_LIMITS', 'io=4');
    const core = await createCore({ dataDir: tempDir(), executor: { tagLimits: { gpu: 1 } } });
    try {
      const config = await core.dispatcher.invoke('executor.config', {});
      expect(config).toEqual({
        poolSize: 3,
        tagLimits: { gpu: 1 },
        cancelGraceMs: DEFAULT_CANCEL_GRACE_MS,
        sources: { poolSize: 'env', tagLimits: 'flag', cancelGraceMs: 'default' },
      });
      expect(core.services.executor.config()).toEqual({ poolSize: 3, tagLimits: { gpu: 1 }, cancelGraceMs: DEFAULT_CANCEL_GRACE_MS });
    } finally {
      await core.close();
    }
  });

  it('reaches the headless server from startServer, over HTTP', async () => {
    vi.stubEnv('NEUROOPS_WORKERS', '');
    vi.stubEnv('NEUROOPS_TAG_LIMITS', '');
    const server = await startServer({ dataDir: tempDir(), port: 0, executor: { poolSize: 2 } });
    try {
      const response = await fetch(`${server.url}api/rpc/executor.config`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(await response.json()).toMatchObject({ poolSize: 2, tagLimits: {}, sources: { poolSize: 'flag', tagLimits: 'default' } });
    } finally {
      await server.stop();
    }
  });
});
