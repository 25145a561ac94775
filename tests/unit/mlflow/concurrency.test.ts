import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { startMlflowServer, type MlflowFixture } from './support';

let fx: MlflowFixture;
beforeAll(async () => {
  fx = await startMlflowServer();
});
afterAll(() => fx.stop());

const WRITERS = 8;
const BATCHES_PER_WRITER = 25;
const POINTS_PER_BATCH = 200;

describe('many writers at once', () => {
  it('8 parallel HTTP writers: no error, and every acknowledged point is stored', async () => {
    const experimentId = (await fx.call('POST', 'experiments/create', { name: 'parallel' })).body.experiment_id;
    const runIds: string[] = [];
    for (let w = 0; w < WRITERS; w += 1) runIds.push((await fx.call('POST', 'runs/create', { experiment_id: experimentId })).body.run.info.run_id);

    const acknowledged = new Map<string, number>();
    const failures: unknown[] = [];
    await Promise.all(
      runIds.map(async (runId, w) => {
        for (let b = 0; b < BATCHES_PER_WRITER; b += 1) {
          // Writers share one run too, so batches for the same rows interleave.
          const target = b % 5 === 0 ? runIds[0]! : runId;
          const key = `w${w}`;
          const metrics = Array.from({ length: POINTS_PER_BATCH }, (_, i) => ({ key, value: Math.random(), timestamp: Date.now(), step: b * POINTS_PER_BATCH + i }));
          const answer = await fx.call('POST', 'runs/log-batch', { run_id: target, metrics, params: [{ key: `p${w}_${b}`, value: String(b) }] });
          if (answer.status === 200) acknowledged.set(`${target}/${key}`, (acknowledged.get(`${target}/${key}`) ?? 0) + POINTS_PER_BATCH);
          else failures.push(answer.body);
        }
      }),
    );
    expect(failures).toEqual([]);

    // Read back through a separate connection, as another process would.
    const reader = new Database(path.join(fx.server.core.dataDir, 'neuroops.db'), { readonly: true });
    try {
      const stored = reader.prepare(
        `SELECT r.run_id || '/' || s.key AS id, count(*) AS n FROM metric_points p
         JOIN metric_series s USING (series_id) JOIN runs r USING (run_pk) GROUP BY s.series_id`,
      ).all() as Array<{ id: string; n: number }>;
      expect(Object.fromEntries(stored.map((s) => [s.id, s.n]))).toEqual(Object.fromEntries(acknowledged));
      const params = reader.prepare('SELECT count(*) FROM params').pluck().get();
      expect(params).toBe(WRITERS * BATCHES_PER_WRITER);
    } finally {
      reader.close();
    }
    const total = [...acknowledged.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(WRITERS * BATCHES_PER_WRITER * POINTS_PER_BATCH);
  });

  it('in-process writers (workers) and HTTP writers together lose nothing', async () => {
    const tracking = fx.server.core.services.tracking;
    const { runId } = await tracking.createRun({ experimentId: '0' });
    const inProcess = Array.from({ length: 40 }, (_, b) =>
      tracking.logBatch(runId, { metrics: Array.from({ length: 50 }, (_, i) => ({ key: 'worker', value: i, timestamp: 0, step: b * 50 + i })) }),
    );
    const overHttp = Array.from({ length: 40 }, (_, b) =>
      fx.call('POST', 'runs/log-batch', { run_id: runId, metrics: Array.from({ length: 50 }, (_, i) => ({ key: 'http', value: i, timestamp: 0, step: b * 50 + i })) }),
    );
    const answers = await Promise.all(overHttp);
    await Promise.all(inProcess);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(tracking.getMetricHistory(runId, 'worker').items).toHaveLength(2000);
    expect(tracking.getMetricHistory(runId, 'http').items).toHaveLength(2000);
  });
});
