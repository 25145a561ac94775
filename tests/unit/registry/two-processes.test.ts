import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { REPO_ROOT } from '../../e2e/support/server';
import { tempDir } from '../../support/temp-dir';
import { openRegistrySeed } from './seed';

const BIN = path.join(REPO_ROOT, 'bin', 'neuroops.mjs');

function neuroops(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('two promotions from two processes at once', () => {
  it('exactly one wins, the other is refused with RESOURCE_CONFLICT, and the history has one new transition', async () => {
    const dataDir = tempDir();
    await openRegistrySeed(dataDir, [0.8, 0.85, 0.9], 1);

    const [a, b] = await Promise.all([
      neuroops(['models', 'promote', 'clf', '2', '--reason', 'a', '--expect-production', '1', '--data-dir', dataDir]),
      neuroops(['models', 'promote', 'clf', '3', '--reason', 'b', '--expect-production', '1', '--data-dir', dataDir]),
    ]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    expect((a.code === 1 ? a : b).stderr).toContain('[RESOURCE_CONFLICT]');

    const core = await createCore({ dataDir });
    try {
      const { registry } = core.services;
      const history = registry.history('clf');
      expect(history).toHaveLength(2);
      expect(history[0]).toMatchObject({ kind: 'promote', fromVersion: 1 });
      const winner = history[0]!.toVersion;
      expect(history[0]!.reason).toBe(winner === 2 ? 'a' : 'b');
      expect(registry.getVersionByAlias('clf', 'production').version).toBe(winner);
      expect(registry.listVersions('clf').filter((v) => v.currentStage === 'Production').map((v) => v.version)).toEqual([winner]);
    } finally {
      await core.close();
    }
  });
});
