import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type MlflowFixture } from './support';

let fx: MlflowFixture;
let runId: string;

beforeAll(async () => {
  fx = await startMlflowServer();
  runId = (await fx.call('POST', 'runs/create', { experiment_id: '0', run_name: 'r' })).body.run.info.run_id;
});
afterAll(() => fx?.stop());

const answer = (r: { status: number; body: { error_code?: string } }) => ({ status: r.status, error_code: r.body.error_code });
const INVALID = { status: 400, error_code: 'INVALID_PARAMETER_VALUE' };

describe('a client\'s mistakes answer 400 with MLflow\'s error shape, never 500', () => {
  it('start_time and end_time beyond int64', async () => {
    for (const big of [1e20, '99999999999999999999', 2 ** 63, -1e20]) {
      const created = await fx.call('POST', 'runs/create', { experiment_id: '0', start_time: big });
      expect({ big, ...answer(created) }).toEqual({ big, ...INVALID });
      expect(created.body.message).toContain('start_time');
      const updated = await fx.call('POST', 'runs/update', { run_id: runId, end_time: big });
      expect({ big, ...answer(updated) }).toEqual({ big, ...INVALID });
      expect(updated.body.message).toContain('end_time');
    }
    expect((await fx.call('POST', 'runs/create', { experiment_id: '0', start_time: Date.now() })).status).toBe(200);
  });

  it('a search filter with 999 ANDs', async () => {
    const filter = Array.from({ length: 1000 }, (_, i) => `metrics.m${i} > 0`).join(' AND ');
    for (const endpoint of ['runs/search', 'experiments/search', 'registered-models/search', 'model-versions/search']) {
      const searched = await fx.call('POST', endpoint, { experiment_ids: ['0'], filter });
      expect({ endpoint, ...answer(searched) }).toEqual({ endpoint, ...INVALID });
    }
  });

  it('2000 order_by terms', async () => {
    const orderBy = Array.from({ length: 2000 }, (_, i) => `metrics.m${i} DESC`);
    for (const endpoint of ['runs/search', 'experiments/search', 'registered-models/search', 'model-versions/search']) {
      const searched = await fx.call('POST', endpoint, { experiment_ids: ['0'], order_by: orderBy });
      expect({ endpoint, ...answer(searched) }).toEqual({ endpoint, ...INVALID });
    }
  });

  it('32,767 experiment ids', async () => {
    const ids = Array.from({ length: 32_767 }, (_, i) => String(i));
    expect(answer(await fx.call('POST', 'runs/search', { experiment_ids: ids }))).toEqual(INVALID);
  });

  it('the same search mistakes over the app API answer 400 INVALID_PARAMETER_VALUE', async () => {
    const rpc = async (name: string, input: unknown) => {
      const response = await fx.fetch(`/api/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    };
    const bad = { status: 400, code: 'INVALID_PARAMETER_VALUE' };
    const filter = Array.from({ length: 1000 }, (_, i) => `metrics.m${i} > 0`).join(' AND ');
    const orderBy = Array.from({ length: 2000 }, (_, i) => `metrics.m${i} DESC`);
    expect(await rpc('tracking.searchRuns', { experimentIds: Array.from({ length: 32_767 }, (_, i) => String(i)) })).toEqual(bad);
    expect(await rpc('tracking.searchRuns', { experimentIds: ['0'], filter })).toEqual(bad);
    expect(await rpc('tracking.searchRuns', { experimentIds: ['0'], orderBy })).toEqual(bad);
    expect(await rpc('tracking.searchExperiments', { orderBy })).toEqual(bad);
    expect(await rpc('registry.listModels', { filter: Array.from({ length: 1000 }, () => "name = 'x'").join(' AND ') })).toEqual(bad);
  });

  it('searches at the limits still answer', async () => {
    const filter = Array.from({ length: 100 }, (_, i) => `metrics.m${i} > 0`).join(' AND ');
    expect((await fx.call('POST', 'runs/search', { experiment_ids: ['0'], filter })).status).toBe(200);
    const orderBy = Array.from({ length: 20 }, (_, i) => `metrics.m${i} DESC`);
    expect((await fx.call('POST', 'runs/search', { experiment_ids: ['0'], order_by: orderBy })).status).toBe(200);
    expect((await fx.call('POST', 'experiments/search', { order_by: orderBy.map((_, i) => (i % 2 ? 'name' : 'creation_time DESC')) })).status).toBe(200);
    const ids = Array.from({ length: 1000 }, (_, i) => String(i));
    expect((await fx.call('POST', 'runs/search', { experiment_ids: ids })).status).toBe(200);
    const runIds = Array.from({ length: 1000 }, (_, i) => `'r${i}'`).join(', ');
    expect((await fx.call('POST', 'runs/search', { experiment_ids: ['0'], filter: `attributes.run_id IN (${runIds})` })).status).toBe(200);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `'r${i}'`).join(', ');
    expect(answer(await fx.call('POST', 'runs/search', { experiment_ids: ['0'], filter: `attributes.run_id IN (${tooMany})` }))).toEqual(INVALID);
  });
});

describe('long values are refused with MLflow\'s limits, naming the field and the limit', () => {
  const long = (n: number) => 'x'.repeat(n);

  it('a run name of 250 characters is kept, 251 or 10 MB are refused, as run_name or as the mlflow.runName tag', async () => {
    const kept = await fx.call('POST', 'runs/create', { experiment_id: '0', run_name: long(250) });
    expect(kept.status).toBe(200);
    for (const size of [251, 10 * 1024 * 1024]) {
      const refused = await fx.call('POST', 'runs/create', { experiment_id: '0', run_name: long(size) });
      expect(answer(refused)).toEqual(INVALID);
      expect(refused.body.message).toContain('run_name');
      expect(refused.body.message).toContain('250');
    }
    expect(answer(await fx.call('POST', 'runs/create', { experiment_id: '0', tags: [{ key: 'mlflow.runName', value: long(251) }] }))).toEqual(INVALID);
    expect(answer(await fx.call('POST', 'runs/update', { run_id: runId, run_name: long(251) }))).toEqual(INVALID);
    const tag = await fx.call('POST', 'runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: long(251) });
    expect(answer(tag)).toEqual(INVALID);
    expect(tag.body.message).toContain('250');
    expect((await fx.call('GET', 'runs/get', { run_id: runId })).body.run.info.run_name).toBe('r');
  });

  it('tag values past 5000, param values past 6000, keys past 250, user_id past 250 and artifact_location past 2048', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['runs/set-tag', { run_id: runId, key: 'note', value: long(5001) }, '5000'],
      ['runs/log-parameter', { run_id: runId, key: 'p', value: long(6001) }, '6000'],
      ['runs/set-tag', { run_id: runId, key: long(251), value: 'v' }, '250'],
      ['runs/log-metric', { run_id: runId, key: long(251), value: 1, timestamp: 1 }, '250'],
      ['runs/create', { experiment_id: '0', user_id: long(251) }, 'user_id'],
      ['experiments/create', { name: 'long-location', artifact_location: long(2049) }, 'artifact_location'],
    ];
    for (const [endpoint, body, mention] of cases) {
      const refused = await fx.call('POST', endpoint, body);
      expect({ endpoint, ...answer(refused) }).toEqual({ endpoint, ...INVALID });
      expect(refused.body.message).toContain(mention);
    }
    expect((await fx.call('POST', 'runs/set-tag', { run_id: runId, key: 'note', value: long(5000) })).status).toBe(200);
  });

  it('dataset inputs past MLflow\'s limits (name 500, digest 36, source 65,535, input tag value 500)', async () => {
    const dataset = { name: 'eeg', digest: 'abc', source_type: 'local', source: 'file:///data' };
    const cases: [Record<string, unknown>, string][] = [
      [{ dataset: { ...dataset, name: long(501) } }, 'dataset.name'],
      [{ dataset: { ...dataset, digest: long(37) } }, 'dataset.digest'],
      [{ dataset: { ...dataset, source: long(65_536) } }, 'dataset.source'],
      [{ dataset, tags: [{ key: 'mlflow.data.context', value: long(501) }] }, '500'],
    ];
    for (const [input, mention] of cases) {
      const refused = await fx.call('POST', 'runs/log-inputs', { run_id: runId, datasets: [input] });
      expect({ mention, ...answer(refused) }).toEqual({ mention, ...INVALID });
      expect(refused.body.message).toContain(mention);
    }
    expect((await fx.call('POST', 'runs/log-inputs', { run_id: runId, datasets: [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'training' }] }] })).status).toBe(200);
  });

  it('the app API applies the same limits (renaming a run)', async () => {
    const response = await fx.fetch('/api/rpc/tracking.renameRun', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ runId, name: long(251) }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('INVALID_PARAMETER_VALUE');
    expect(body.message).toContain('250');
  });
});
