import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, startServe } from '../../e2e/support/server';
import { tempDir } from '../../support/temp-dir';

const BIN = path.join(REPO_ROOT, 'bin', 'neuroops.mjs');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** `neuroops serve ARGS` that is expected to stop at start-up: its exit code and output. */
function serveFails(args: string[]): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [BIN, 'serve', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

/** One line naming the cause and the fix; no stack trace. */
function expectOneLine(stderr: string, cause: RegExp, fix: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(cause);
  expect(lines[0]).toMatch(fix);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('neuroops serve start-up errors', () => {
  it('a port in use: one line, non-zero exit, no new database', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = path.join(tempDir(), 'data');
    const result = serveFails(['--port', String(port), '--data-dir', dataDir]);
    expect(result.status).not.toBe(0);
    expectOneLine(result.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`), /--port/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('--data-dir pointing at a file', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'notes');
    for (const dataDir of [file, path.join(file, 'inside')]) {
      const result = serveFails(['--port', '0', '--data-dir', dataDir]);
      expect(result.status).not.toBe(0);
      expectOneLine(result.stderr, /is a file \(or inside one\), not a folder/, /Pass a folder with --data-dir/);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('notes');
  });

  it('a corrupt database is reported and left exactly as it was', () => {
    const dataDir = tempDir();
    const database = path.join(dataDir, 'neuroops.db');
    const garbage = Buffer.from('this is not SQLite, but it may be all that is left of a thesis '.repeat(100));
    fs.writeFileSync(database, garbage);
    const result = serveFails(['--port', '0', '--data-dir', dataDir]);
    expect(result.status).not.toBe(0);
    expectOneLine(result.stderr, /The database .*neuroops\.db is damaged .*it was not changed/, /move it aside to start with an empty one/);
    expect(fs.readFileSync(database).equals(garbage)).toBe(true);
    expect(fs.readdirSync(dataDir).sort()).toEqual(['neuroops.db']);
  });

  it('an unresolvable --host', () => {
    const dataDir = path.join(tempDir(), 'data');
    const result = serveFails(['--host', 'no-such-host.invalid', '--port', '0', '--token', 'a-long-enough-token-123', '--data-dir', dataDir]);
    expect(result.status).not.toBe(0);
    expectOneLine(result.stderr, /--host no-such-host\.invalid does not resolve to an address/, /Use 127\.0\.0\.1/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('takes over a lock whose PID now belongs to another program, and refuses one held by a live NeuroOps', async () => {
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => other.kill('SIGKILL'));
    const dataDir = tempDir();
    // As a NeuroOps that died would have left it, with its PID since given to `sleep`.
    fs.writeFileSync(path.join(dataDir, 'neuroops.lock'), `${other.pid}\nstart=1\ninstance=0123456789ab\n`);
    const serve = await startServe(['--data-dir', dataDir]);
    cleanups.push(() => void serve.stop());
    expect((await fetch(`${serve.url}api/health`)).status).toBe(200);
    expect(fs.readFileSync(path.join(dataDir, 'neuroops.lock'), 'utf8')).toMatch(new RegExp(`^${serve.child.pid}\\nstart=\\d+\\n`));

    const second = serveFails(['--port', '0', '--data-dir', dataDir]);
    expect(second.status).not.toBe(0);
    expectOneLine(second.stderr, new RegExp(`already in use by another NeuroOps \\(process ${serve.child.pid}\\)`), /Stop it first/);
    expect(await serve.stop()).toBe(0);
  });
});
