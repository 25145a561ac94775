import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMlflowServer, type MlflowFixture } from './support';

let fx: MlflowFixture;
let experimentId: string;
let runId: string;
beforeAll(async () => {
  fx = await startMlflowServer();
  experimentId = (await fx.call('POST', 'experiments/create', { name: 'runs' })).body.experiment_id;
});
afterAll(() => fx.stop());
beforeEach(async () => {
  const created = await fx.call('POST', 'runs/create', {
    experiment_id: experimentId,
    user_id: 'ada',
    start_time: 1_700_000_000_000,
    tags: [{ key: 'mlflow.source.name', value: 'train.py' }],
  });
  runId = created.body.run.info.run_id;
});

describe('MLflow runs endpoints', () => {
  it('creates a run as MLflow does, with an mlflow-artifacts URI', async () => {
    const created = await fx.call('POST', 'runs/create', { experiment_id: experimentId, run_name: 'first', start_time: '1700000000000' });
    expect(created.status).toBe(200);
    const { info, data, inputs } = created.body.run;
    expect(info).toEqual({
      run_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      run_uuid: info.run_id,
      run_name: 'first',
      experiment_id: experimentId,
      user_id: '',
      status: 'RUNNING',
      start_time: 1_700_000_000_000,
      artifact_uri: `mlflow-artifacts:/${experimentId}/${info.run_id}/artifacts`,
      lifecycle_stage: 'active',
    });
    expect(data).toEqual({ metrics: [], params: [], tags: [{ key: 'mlflow.runName', value: 'first' }] });
    expect(inputs).toEqual({ dataset_inputs: [] });
  });

  it('gets a run by GET query and by POST body alike', async () => {
    const viaGet = await fx.call('GET', 'runs/get', { run_id: runId });
    const viaPost = await fx.call('POST', 'runs/get', { run_id: runId });
    expect(viaGet.status).toBe(200);
    expect(viaGet.body).toEqual(viaPost.body);
    expect(viaGet.body.run.data.tags).toContainEqual({ key: 'mlflow.source.name', value: 'train.py' });
  });

  it('logs one value at a time, with NaN and step defaults', async () => {
    expect(await fx.call('POST', 'runs/log-metric', { run_id: runId, key: 'loss', value: 0.5, timestamp: 10, step: 1 })).toEqual({ status: 200, body: {} });
    expect((await fx.call('POST', 'runs/log-metric', { run_id: runId, key: 'nan', value: 'NaN', timestamp: 10 })).status).toBe(200);
    expect((await fx.call('POST', 'runs/log-metric', { run_uuid: runId, key: 'inf', value: 'Infinity', timestamp: '11' })).status).toBe(200);
    expect((await fx.call('POST', 'runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' })).status).toBe(200);
    expect((await fx.call('POST', 'runs/set-tag', { run_id: runId, key: 'stage', value: 'dev' })).status).toBe(200);
    const { run } = (await fx.call('GET', 'runs/get', { run_id: runId })).body;
    expect(run.data.metrics).toEqual(
      expect.arrayContaining([
        { key: 'loss', value: 0.5, timestamp: 10, step: 1 },
        { key: 'nan', value: 'NaN', timestamp: 10, step: 0 },
        { key: 'inf', value: 'Infinity', timestamp: 11, step: 0 },
      ]),
    );
    expect(run.data.params).toEqual([{ key: 'lr', value: '0.01' }]);
    expect((await fx.call('POST', 'runs/delete-tag', { run_id: runId, key: 'stage' })).status).toBe(200);
    const after = (await fx.call('GET', 'runs/get', { run_id: runId })).body.run;
    expect(after.data.tags.find((t: { key: string }) => t.key === 'stage')).toBeUndefined();
  });

  it('logs a batch and pages its history with get-history', async () => {
    const metrics = Array.from({ length: 30 }, (_, i) => ({ key: 'acc', value: i / 30, timestamp: 1000 + i, step: i }));
    const batch = await fx.call('POST', 'runs/log-batch', {
      run_id: runId, metrics, params: [{ key: 'model', value: 'eegnet' }], tags: [{ key: 'fold', value: '1' }],
    });
    expect(batch).toEqual({ status: 200, body: {} });
    const first = await fx.call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'acc', max_results: 20 });
    expect(first.body.metrics).toHaveLength(20);
    expect(first.body.metrics[0]).toEqual({ key: 'acc', value: 0, timestamp: 1000, step: 0 });
    const rest = await fx.call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'acc', max_results: 20, page_token: first.body.next_page_token });
    expect(rest.body.metrics).toHaveLength(10);
    expect(rest.body.next_page_token).toBeUndefined();
    const all = await fx.call('GET', 'metrics/get-history', { run_id: runId, metric_key: 'acc' });
    expect(all.body.metrics).toHaveLength(30);
  });

  it('logs dataset inputs', async () => {
    const logged = await fx.call('POST', 'runs/log-inputs', {
      run_id: runId,
      datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset: { name: 'bnci', digest: 'd1', source_type: 'local', source: '/data', schema: '{}' } }],
    });
    expect(logged).toEqual({ status: 200, body: {} });
    const { run } = (await fx.call('GET', 'runs/get', { run_id: runId })).body;
    expect(run.inputs.dataset_inputs).toEqual([
      { tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset: { name: 'bnci', digest: 'd1', source_type: 'local', source: '/data', schema: '{}' } },
    ]);
  });

  it('updates, deletes and restores a run', async () => {
    const updated = await fx.call('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: 1_700_000_100_000, run_name: 'renamed' });
    expect(updated.status).toBe(200);
    expect(updated.body.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: 1_700_000_100_000, run_name: 'renamed' });
    expect(await fx.call('POST', 'runs/delete', { run_id: runId })).toEqual({ status: 200, body: {} });
    expect((await fx.call('GET', 'runs/get', { run_id: runId })).body.run.info.lifecycle_stage).toBe('deleted');
    expect(await fx.call('POST', 'runs/restore', { run_id: runId })).toEqual({ status: 200, body: {} });
    expect((await fx.call('GET', 'runs/get', { run_id: runId })).body.run.info.lifecycle_stage).toBe('active');
  });

  it('searches by POST body and by GET query with repeated experiment_ids', async () => {
    await fx.call('POST', 'runs/log-batch', { run_id: runId, metrics: [{ key: 'score', value: 0.99, timestamp: 1, step: 0 }], params: [{ key: 'arch', value: 'tiny' }] });
    const filter = "metrics.score > 0.9 AND params.arch = 'tiny'";
    const viaPost = await fx.call('POST', 'runs/search', { experiment_ids: [experimentId, '0'], filter, order_by: ['metrics.score DESC'], max_results: 10 });
    const viaGet = await fx.call('GET', 'runs/search', { experiment_ids: [experimentId, '0'], filter, order_by: 'metrics.score DESC', max_results: 10 });
    expect(viaPost.status).toBe(200);
    expect(viaPost.body).toEqual(viaGet.body);
    expect(viaPost.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
    const paged = await fx.call('POST', 'runs/search', { experiment_ids: [experimentId], max_results: 1 });
    expect(paged.body.runs).toHaveLength(1);
    expect(paged.body.next_page_token).toEqual(expect.any(String));
  });
});

describe('MLflow runs errors', () => {
  it('answers 404 RESOURCE_DOES_NOT_EXIST for an unknown run', async () => {
    for (const [method, endpoint, params] of [
      ['GET', 'runs/get', { run_id: 'f'.repeat(32) }],
      ['POST', 'runs/log-batch', { run_id: 'f'.repeat(32), params: [{ key: 'a', value: 'b' }] }],
      ['POST', 'runs/update', { run_id: 'f'.repeat(32), status: 'FINISHED' }],
      ['GET', 'metrics/get-history', { run_id: 'f'.repeat(32), metric_key: 'x' }],
      ['GET', 'artifacts/list', { run_id: 'f'.repeat(32) }],
    ] as const) {
      const answer = await fx.call(method, endpoint, params);
      expect(answer, endpoint).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    }
  });

  it('refuses a changed param with 400 INVALID_PARAMETER_VALUE and keeps the first value', async () => {
    await fx.call('POST', 'runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' });
    const changed = await fx.call('POST', 'runs/log-parameter', { run_id: runId, key: 'lr', value: '0.2' });
    expect(changed).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('Changing param values') } });
    expect((await fx.call('GET', 'runs/get', { run_id: runId })).body.run.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
  });

  it('refuses oversized batches and values', async () => {
    const tooMany = await fx.call('POST', 'runs/log-batch', {
      run_id: runId, metrics: Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, timestamp: 0, step: i })),
    });
    expect(tooMany).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('1000') } });
    const longValue = await fx.call('POST', 'runs/set-tag', { run_id: runId, key: 't', value: 'v'.repeat(5001) });
    expect(longValue).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const badKey = await fx.call('POST', 'runs/log-metric', { run_id: runId, key: '../x', value: 1, timestamp: 0 });
    expect(badKey).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const badValue = await fx.call('POST', 'runs/log-metric', { run_id: runId, key: 'x', value: 'high', timestamp: 0 });
    expect(badValue).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect((await fx.call('GET', 'runs/get', { run_id: runId })).body.run.data.metrics).toEqual([]);
  });

  it('refuses logging to a deleted run but accepts it on a finished one', async () => {
    await fx.call('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: 5 });
    expect((await fx.call('POST', 'runs/log-metric', { run_id: runId, key: 'late', value: 1, timestamp: 6 })).status).toBe(200);
    await fx.call('POST', 'runs/delete', { run_id: runId });
    const refused = await fx.call('POST', 'runs/log-metric', { run_id: runId, key: 'later', value: 1, timestamp: 7 });
    expect(refused).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining("'active'") } });
  });

  it('points at the position of a malformed filter', async () => {
    const answer = await fx.call('POST', 'runs/search', { experiment_ids: [experimentId], filter: "params.model = 'eegnet' AND metrics.acc >" });
    expect(answer).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('position 42') } });
  });

  it('refuses malformed JSON in a run request', async () => {
    const response = await fx.fetch('/api/2.0/mlflow/runs/log-batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{run_id:' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_code: 'BAD_REQUEST' });
  });
});
