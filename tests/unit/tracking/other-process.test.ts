import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTrackingWithRun, type TrackingFixture } from './support';

let fx: TrackingFixture & { runId: string };
beforeEach(async () => {
  fx = await openTrackingWithRun();
});
afterEach(() => fx.close());

/** Another process (a CLI command, say) that holds the write lock for a while. */
function holdWriteLock(file: string, ms: number): Promise<() => Promise<number>> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('other', 'process')").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve(() => exited);
    });
  });
}

describe('a second process writing to the same database', () => {
  it('makes the writer wait for the lock instead of failing with "database is locked"', async () => {
    const exited = await holdWriteLock(path.join(fx.dir, 'neuroops.db'), 300);
    await fx.tracking.logBatch(fx.runId, { metrics: [{ key: 'm', value: 1, step: 0, timestamp: 0 }] });
    expect(await exited()).toBe(0);
    expect(fx.tracking.getRun(fx.runId).data.metrics).toHaveLength(1);
    expect(fx.db.prepare("SELECT value FROM app_meta WHERE key = 'other'").pluck().get()).toBe('process');
  });
});
