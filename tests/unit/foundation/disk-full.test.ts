import fs from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../main/app/core';
import { headlessHost } from '../../../main/app/host';
import { toErrorBody } from '../../../main/core/error-body';
import { systemHandlers } from '../../../main/services/system/handlers';
import { tempDir } from '../../support/temp-dir';
import { startMlflowServer, type MlflowFixture } from '../mlflow/support';

let fx: MlflowFixture;
let runId: string;

beforeAll(async () => {
  fx = await startMlflowServer();
  runId = (await fx.call('POST', 'runs/create', { experiment_id: '0' })).body.run.info.run_id;
});
afterAll(() => fx?.stop());

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

const metricBatch = (offset: number) => ({
  run_id: runId,
  metrics: Array.from({ length: 1000 }, (_, i) => ({ key: `m${i % 50}`, value: Math.random(), timestamp: 1, step: offset + i })),
});

describe('a full disk is DISK_FULL (507) with an actionable message, and health reports it', () => {
  it('health reports the disk as ok, with its free bytes, while writes succeed', async () => {
    const health = await (await fx.fetch('/api/health')).json();
    expect(health).toMatchObject({ status: 'ok', disk: { status: 'ok', freeBytes: expect.any(Number), lastFullAt: null, message: null } });
  });

  it('SQLITE_FULL: the write is refused whole, over MLflow REST and the app API, and health turns degraded', async () => {
    const db = fx.server.core.db;
    const history = async () => (await fx.call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'm0', max_results: 25000 })).body.metrics?.length ?? 0;
    expect((await fx.call('POST', 'runs/log-batch', metricBatch(0))).status).toBe(200);
    const before = await history();
    // The database may not grow by a single page: SQLite answers SQLITE_FULL, as on a full disk.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    try {
      let refused: { status: number; body: { error_code?: string; message?: string } } | undefined;
      for (let batch = 1; batch <= 50 && !refused; batch++) {
        const answer = await fx.call('POST', 'runs/log-batch', metricBatch(batch * 1000));
        if (answer.status !== 200) refused = answer;
      }
      expect(refused?.status).toBe(507);
      expect(refused?.body.error_code).toBe('DISK_FULL');
      expect(refused?.body.message).toContain('Free some space');

      const rpc = await fx.fetch('/api/rpc/tracking.createExperiment', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(400), tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'v'.repeat(5000) })) }),
      });
      expect(rpc.status).toBe(507);
      expect(await rpc.json()).toEqual({ code: 'DISK_FULL', message: expect.stringContaining('data folder') });

      const health = await (await fx.fetch('/api/health')).json();
      expect(health).toMatchObject({ status: 'degraded', disk: { status: 'full', lastFullAt: expect.any(Number), message: expect.stringContaining('Free some space') } });
    } finally {
      db.pragma('max_page_count = 4294967294');
    }
    // Nothing half-written: the refused batches left no points, and writing works again.
    expect(await history()).toBeGreaterThanOrEqual(before);
    expect((await history()) % 20).toBe(0);
    expect((await fx.call('POST', 'runs/log-batch', metricBatch(100_000))).status).toBe(200);
  });

  it('ENOSPC writing an artifact: 507 DISK_FULL in MLflow\'s shape, and no partial file left behind', async () => {
    const spy = vi.spyOn(fs, 'createWriteStream').mockImplementation(
      () => new Writable({ write: (_chunk, _encoding, done) => done(enospc()) }) as unknown as fs.WriteStream,
    );
    try {
      const put = await fx.fetch(`/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/big.bin`, { method: 'PUT', body: new Uint8Array(64 * 1024) });
      expect(put.status).toBe(507);
      expect(await put.json()).toEqual({ error_code: 'DISK_FULL', message: expect.stringContaining('Free some space') });
    } finally {
      spy.mockRestore();
    }
    const listed = await fx.call('GET', 'artifacts/list', { run_id: runId });
    expect(listed.body.files ?? []).toEqual([]);
  });

  it('maps SQLITE_FULL, ENOSPC and EDQUOT to DISK_FULL, and nothing else', () => {
    expect(toErrorBody(enospc()).code).toBe('DISK_FULL');
    expect(toErrorBody(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })).code).toBe('DISK_FULL');
    expect(toErrorBody(Object.assign(new Error('quota'), { code: 'EDQUOT' })).code).toBe('DISK_FULL');
    expect(toErrorBody(Object.assign(new Error('denied'), { code: 'EACCES' })).code).toBe('INTERNAL_ERROR');
  });
});

describe('low free space', () => {
  it('is reported as low (status degraded) below the threshold, with what to do', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const handlers = systemHandlers({ db: core.db, dataDir: core.dataDir, host: headlessHost, freeBytes: () => 100 * 1024 ** 2 });
      const health = await handlers['system.health']({}, { transport: 'test' });
      // This process saw a full disk above; only the threshold rule is checked here.
      expect(health.disk).toMatchObject({ freeBytes: 100 * 1024 ** 2, lowBelowBytes: 512 * 1024 ** 2 });
      expect(health.status).toBe('degraded');
    } finally {
      await core.close();
    }
  });
});
