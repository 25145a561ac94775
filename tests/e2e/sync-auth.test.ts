import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncService } from '../../main/services/sync/sync-service';
import type { SecretBox } from '../../main/services/sync/secret-box';
import { REPO_ROOT, startServe, type ServeProcess } from './support/server';
import { FAST_RETRY, openLocal } from './support/sync-fixture';

const TOKEN = `lab-remote-${crypto.randomBytes(16).toString('hex')}`;
const WRONG = `not-the-token-${crypto.randomBytes(16).toString('hex')}`;

let remote: ServeProcess | undefined;
afterEach(async () => {
  await remote?.stop();
  remote = undefined;
});

/** A keychain stand-in: AES-GCM with a key only this process holds. */
function testKeychain(): SecretBox {
  const key = crypto.randomBytes(32);
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function cli(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'neuroops.mjs'), ...args], { cwd: REPO_ROOT, env: { ...process.env, MLFLOW_TRACKING_TOKEN: '', ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sync to a remote that requires a token', () => {
  it('is refused without credentials as UNAUTHENTICATED, works with the token from the environment or saved sealed, and never writes a credential to the database, the output or an error', async () => {
    remote = await startServe(['--token', TOKEN]);
    // serve prints its URL with ?token=…; a sync remote is the bare address, the token goes separately.
    const url = remote.url.split('?')[0]!;
    const local = await openLocal();
    const { core } = local;
    const { tracking } = core.services;
    const runId = (await tracking.createRun({ experimentId: '0', runName: 'night 1' })).runId;
    await tracking.logBatch(runId, { params: [{ key: 'montage', value: '10-20' }], metrics: [{ key: 'kappa', value: 0.71, timestamp: 1, step: 0 }] });
    const messages: string[] = [];
    const withEnv = (env: NodeJS.ProcessEnv, secrets?: SecretBox) => new SyncService({ db: core.db, tracking, registry: core.services.registry, retry: FAST_RETRY, env, secrets });

    const refused = await local.sync.push({ remote: url, scope: { kind: 'all' } });
    expect(refused.ok).toBe(false);
    expect(refused.stoppedBy?.code).toBe('UNAUTHENTICATED');
    expect(refused.stoppedBy?.message).toMatch(/UNAUTHENTICATED.*MLFLOW_TRACKING_TOKEN/);
    expect(local.sync.overview(url).runs).toEqual({ synced: 0, pending: 1, failed: 0 });
    expect(await local.sync.testConnection(url)).toMatchObject({ reachable: true, authenticated: false, code: 'UNAUTHENTICATED' });

    const wrong = await withEnv({ MLFLOW_TRACKING_TOKEN: WRONG }).push({ remote: url, scope: { kind: 'all' } });
    expect(wrong.stoppedBy?.code).toBe('UNAUTHENTICATED');
    messages.push(refused.stoppedBy!.message, wrong.stoppedBy!.message);

    const right = withEnv({ MLFLOW_TRACKING_TOKEN: TOKEN });
    expect(await right.testConnection(url)).toMatchObject({ reachable: true, authenticated: true, code: null });
    expect(await right.push({ remote: url, scope: { kind: 'all' } })).toMatchObject({ ok: true, runs: { pushed: 1 }, metricPoints: 1 });

    // Saved in the app: sealed by the keychain, used only for the saved remote.
    const app = withEnv({}, testKeychain());
    expect(app.saveSettings({ remoteUri: url, auth: { kind: 'bearer', token: TOKEN }, autoMinutes: 15 })).toMatchObject({ credentialsSource: 'saved', authKind: 'bearer', autoMinutes: 15 });
    await tracking.logMetric(runId, { key: 'kappa', value: 0.74, timestamp: 2, step: 1 });
    expect(await app.push({ scope: { kind: 'all' } })).toMatchObject({ ok: true, metricPoints: 1 });
    expect(() => withEnv({}).saveSettings({ remoteUri: url, auth: { kind: 'bearer', token: TOKEN }, autoMinutes: null })).toThrow(/MLFLOW_TRACKING_TOKEN/);

    // The command line, as a lab script runs it.
    const denied = cli(['sync', 'push', '--remote', url, '--data-dir', core.dataDir], { MLFLOW_TRACKING_TOKEN: WRONG });
    expect(denied.status).toBe(1);
    expect(denied.stdout).toContain('UNAUTHENTICATED');
    const pushed = cli(['sync', 'push', '--remote', url, '--run', runId, '--json', '--data-dir', core.dataDir], { MLFLOW_TRACKING_TOKEN: TOKEN });
    expect(pushed.status, pushed.stderr).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ ok: true, runs: { unchanged: 1, pushed: 0 } });
    const status = cli(['sync', 'status', '--json', '--remote', url, '--data-dir', core.dataDir], {});
    expect(JSON.parse(status.stdout)).toMatchObject({ runs: { synced: 1, pending: 0, failed: 0 } });
    messages.push(denied.stdout, denied.stderr, pushed.stdout, pushed.stderr, status.stdout, status.stderr);

    await local.close();
    const stored = ['neuroops.db', 'neuroops.db-wal'].map((f) => path.join(core.dataDir, f)).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1'));
    for (const text of [...stored, ...messages]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(WRONG);
      expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    }
  });
});
