import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { dbCommands } from '../../../main/cli/commands/db';
import { runCli } from '../../../main/cli/run-cli';
import { RAW_BYTES_PER_POINT } from '../../../main/db/db-stats';
import { tempDir } from '../../support/temp-dir';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

/** 20 runs with 2 params and 500 points each; `deleteHalf` then removes 10 runs' rows for good. */
async function seed(dataDir: string): Promise<void> {
  const core = await createCore({ dataDir });
  try {
    const exp = await core.services.tracking.createExperiment({ name: 'disk' });
    for (let r = 0; r < 20; r += 1) {
      const { runId } = await core.services.tracking.createRun({ experimentId: exp, runName: `run-${r}` });
      await core.services.tracking.logBatch(runId, {
        params: [{ key: 'lr', value: '0.001' }, { key: 'model', value: 'eegnet' }],
        metrics: Array.from({ length: 500 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: 1_700_000_000_000 + step })),
      });
    }
  } finally {
    await core.close();
  }
}

describe('neuroops db', () => {
  it('stats: size per table and bytes per metric point and per run against the raw minimum', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    const json = capture();
    expect(await runCli(['db', 'stats', '--data-dir', dataDir, '--json'], dbCommands, json.io)).toBe(0);
    const stats = JSON.parse(json.out.stdout);
    const points = stats.tables.find((t: { table: string }) => t.table === 'metric_points');
    expect(points.rows).toBe(10_000);
    expect(points.tableBytes).toBeGreaterThan(10_000 * RAW_BYTES_PER_POINT * 0.5);
    expect(points.indexBytes).toBeGreaterThan(0);
    expect(stats.metricPoints.count).toBe(10_000);
    expect(stats.metricPoints.bytesPerPoint).toBeGreaterThan(RAW_BYTES_PER_POINT);
    expect(stats.runs.count).toBe(20);
    // 32 bytes of record, 'lr'+'0.001'+'model'+'eegnet' = 18 bytes of params, a mlflow.runName tag, one latest metric.
    expect(stats.runs.rawBytesPerRun).toBeGreaterThan(32 + 18 + RAW_BYTES_PER_POINT);
    expect(stats.runs.bytesPerRun).toBeGreaterThan(stats.runs.rawBytesPerRun);
    const sum = stats.tables.reduce((s: number, t: { tableBytes: number; indexBytes: number }) => s + t.tableBytes + t.indexBytes, 0);
    expect(sum).toBeLessThanOrEqual(stats.fileBytes + stats.walBytes);

    const text = capture();
    expect(await runCli(['db', 'stats', '--data-dir', dataDir], dbCommands, text.io)).toBe(0);
    expect(text.out.stdout).toMatch(/metric_points\s+10000 rows/);
    expect(text.out.stdout).toMatch(/Per metric point \(10000\): [\d.]+ bytes \(raw minimum 28\.0/);
  });

  it('vacuum: returns the pages of deleted data to the disk', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    const core = await createCore({ dataDir });
    core.db.exec('DELETE FROM runs WHERE run_pk IN (SELECT run_pk FROM runs ORDER BY run_pk LIMIT 10)');
    await core.close();
    const before = capture();
    await runCli(['db', 'stats', '--data-dir', dataDir, '--json'], dbCommands, before.io);
    expect(JSON.parse(before.out.stdout).freeBytes).toBeGreaterThan(0);

    const vacuum = capture();
    expect(await runCli(['db', 'vacuum', '--data-dir', dataDir, '--json'], dbCommands, vacuum.io)).toBe(0);
    const { beforeBytes, afterBytes } = JSON.parse(vacuum.out.stdout);
    expect(afterBytes).toBeLessThan(beforeBytes);
    const after = capture();
    await runCli(['db', 'stats', '--data-dir', dataDir, '--json'], dbCommands, after.io);
    expect(JSON.parse(after.out.stdout).freeBytes).toBe(0);
    expect(JSON.parse(after.out.stdout).metricPoints.count).toBe(5_000);
  });
});
