import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../main/app/server';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { openRegistrySeed } from '../registry/seed';
import { tempDir } from '../../support/temp-dir';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, commands, { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

async function addUser(file: string, name: string): Promise<string> {
  const added = await cli(['users', 'add', name, '--users', file, '--json']);
  expect(added.code).toBe(0);
  return JSON.parse(added.stdout).token as string;
}

function rpc(token: string, name: string, input: unknown) {
  return fetch(`${server!.url}api/rpc/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

function mlflow(token: string, endpoint: string, body: unknown) {
  return fetch(`${server!.url}api/2.0/mlflow/${endpoint}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('named users on a shared server', () => {
  it('users add prints a strong token once and keeps only its hash', async () => {
    const file = path.join(tempDir(), 'users.txt');
    const token = await addUser(file, 'alice');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toMatch(/^alice sha256:[0-9a-f]{64}$/m);
    expect((fs.statSync(file).mode & 0o077).toString(8)).toBe('0');
    const again = await cli(['users', 'add', 'alice', '--users', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has a user "alice"');
    const bad = await cli(['users', 'add', 'bad name;', '--users', file]);
    expect(bad.code).not.toBe(0);
    const listed = await cli(['users', 'list', '--users', file]);
    expect(listed.stdout).toBe('alice\n');
  });

  it("records each promotion, rollback, alias move and gate change under its token's owner", async () => {
    const dataDir = tempDir();
    await openRegistrySeed(dataDir, [0.7, 0.8, 0.9]);
    const file = path.join(tempDir(), 'users.txt');
    const alice = await addUser(file, 'alice');
    const bob = await addUser(file, 'bob');
    server = await startServer({ dataDir, port: 0, usersFile: file, rendererDir: path.join(dataDir, 'none') });

    expect((await rpc('not-a-user-token-at-all', 'registry.history', { name: 'clf' })).status).toBe(401);
    expect((await rpc(alice, 'registry.promote', { name: 'clf', version: 1, reason: 'first' })).status).toBe(200);
    expect((await rpc(bob, 'registry.promote', { name: 'clf', version: 2, reason: 'better' })).status).toBe(200);
    expect((await rpc(alice, 'registry.rollback', { name: 'clf', reason: 'bob was wrong' })).status).toBe(200);
    expect((await mlflow(bob, 'registered-models/alias', { name: 'clf', alias: 'production', version: '3' })).status).toBe(200);
    expect((await rpc(alice, 'registry.setGate', { name: 'clf', gate: { metric: 'accuracy', direction: 'higher' } })).status).toBe(200);

    const history = await (await rpc(alice, 'registry.history', { name: 'clf' })).json();
    const trail = history.transitions.map((t: { kind: string; actor: string }) => `${t.kind}:${t.actor}`);
    expect(trail).toEqual(['gate:alice', 'alias:bob', 'rollback:alice', 'promote:bob', 'promote:alice']);
  });

  it("gives a run created over MLflow REST (and a flow run over RPC) its token owner's user_id", async () => {
    const dataDir = tempDir();
    const file = path.join(tempDir(), 'users.txt');
    await addUser(file, 'alice');
    const bob = await addUser(file, 'bob');
    server = await startServer({ dataDir, port: 0, usersFile: file, rendererDir: path.join(dataDir, 'none') });

    const created = await mlflow(bob, 'runs/create', { experiment_id: '0', user_id: 'root', tags: [{ key: 'mlflow.user', value: 'root' }] });
    expect(created.status).toBe(200);
    const { run } = await created.json();
    expect(run.info.user_id).toBe('bob');
    expect(run.data.tags).toContainEqual({ key: 'mlflow.user', value: 'bob' });
    expect((await mlflow(bob, 'registered-models/create', { name: 'clf' })).status).toBe(200);
    const version = await (await mlflow(bob, 'model-versions/create', { name: 'clf', source: `runs:/${run.info.run_id}/model`, run_id: run.info.run_id })).json();
    expect(version.model_version.user_id).toBe('bob');

    const started = await (await rpc(bob, 'executor.startFlowRun', { flowName: 'example_pipeline', params: { subjects: 20 } })).json();
    const runId = await waitForTrackingRun(bob, started.flowRunId as string);
    const tracked = await (await rpc(bob, 'tracking.getRun', { runId })).json();
    expect(tracked.info.userId).toBe('bob');
  });

  it('the single --token holder is recorded as --user-name', async () => {
    const dataDir = tempDir();
    await openRegistrySeed(dataDir, [0.7]);
    const token = 'one-person-token-0123456789';
    server = await startServer({ dataDir, port: 0, token, userName: 'carol', rendererDir: path.join(dataDir, 'none') });
    expect((await rpc(token, 'registry.promote', { name: 'clf', version: 1, reason: 'go' })).status).toBe(200);
    const history = await (await rpc(token, 'registry.history', { name: 'clf' })).json();
    expect(history.transitions[0].actor).toBe('carol');
  });

  it('stops at start-up on a malformed users file, naming the line', async () => {
    const file = path.join(tempDir(), 'users.txt');
    fs.writeFileSync(file, '# team\nalice sha256:abc\n');
    const dataDir = tempDir();
    await expect(startServer({ dataDir, port: 0, usersFile: file })).rejects.toThrow(/users\.txt, line 2: expected "NAME sha256:HEX"/);
    expect(fs.existsSync(path.join(dataDir, 'neuroops.db'))).toBe(false);
  });
});

async function waitForTrackingRun(token: string, flowRunId: string): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const detail = await (await rpc(token, 'executor.getFlowRun', { flowRunId })).json();
    if (detail.flowRun.trackingRunId) return detail.flowRun.trackingRunId as string;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`flow run ${flowRunId} never opened a tracked run`);
}
