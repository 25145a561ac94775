import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type MlflowFixture } from './support';

let fx: MlflowFixture;
beforeAll(async () => {
  fx = await startMlflowServer();
});
afterAll(() => fx.stop());

describe('MLflow experiments endpoints', () => {
  it('creates, gets by id and by name, with MLflow\'s shapes', async () => {
    const created = await fx.call('POST', 'experiments/create', { name: 'mi-eegnet', tags: [{ key: 'team', value: 'bci' }] });
    expect(created).toEqual({ status: 200, body: { experiment_id: expect.stringMatching(/^\d+$/) } });
    const id = created.body.experiment_id;
    const got = await fx.call('GET', 'experiments/get', { experiment_id: id });
    expect(got.status).toBe(200);
    expect(got.body.experiment).toEqual({
      experiment_id: id,
      name: 'mi-eegnet',
      artifact_location: `mlflow-artifacts:/${id}`,
      lifecycle_stage: 'active',
      creation_time: expect.any(Number),
      last_update_time: expect.any(Number),
      tags: [{ key: 'team', value: 'bci' }],
    });
    const byName = await fx.call('GET', 'experiments/get-by-name', { experiment_name: 'mi-eegnet' });
    expect(byName.body.experiment.experiment_id).toBe(id);
  });

  it('searches by GET query and by POST body alike, with paging', async () => {
    await fx.call('POST', 'experiments/create', { name: 'search-a' });
    await fx.call('POST', 'experiments/create', { name: 'search-b' });
    const viaGet = await fx.call('GET', 'experiments/search', { filter: "name LIKE 'search-%'", max_results: 1, order_by: 'name ASC' });
    const viaPost = await fx.call('POST', 'experiments/search', { filter: "name LIKE 'search-%'", max_results: 1, order_by: ['name ASC'] });
    expect(viaGet.body).toEqual(viaPost.body);
    expect(viaGet.body.experiments.map((e: { name: string }) => e.name)).toEqual(['search-a']);
    const next = await fx.call('POST', 'experiments/search', {
      filter: "name LIKE 'search-%'", max_results: 1, order_by: ['name ASC'], page_token: viaGet.body.next_page_token,
    });
    expect(next.body.experiments.map((e: { name: string }) => e.name)).toEqual(['search-b']);
    expect(next.body.next_page_token).toBeUndefined();
  });

  it('renames, tags, deletes and restores; a deleted name is free again', async () => {
    const { body } = await fx.call('POST', 'experiments/create', { name: 'lifecycle' });
    const id = body.experiment_id;
    expect(await fx.call('POST', 'experiments/update', { experiment_id: id, new_name: 'lifecycle-2' })).toEqual({ status: 200, body: {} });
    expect(await fx.call('POST', 'experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v' })).toEqual({ status: 200, body: {} });
    expect(await fx.call('POST', 'experiments/delete', { experiment_id: id })).toEqual({ status: 200, body: {} });
    const deleted = await fx.call('GET', 'experiments/search', { view_type: 'DELETED_ONLY' });
    expect(deleted.body.experiments.map((e: { name: string }) => e.name)).toContain('lifecycle-2');
    const reused = await fx.call('POST', 'experiments/create', { name: 'lifecycle-2' });
    expect(reused.status).toBe(200);
    const restore = await fx.call('POST', 'experiments/restore', { experiment_id: id });
    expect(restore.status).toBe(400);
    expect(restore.body.error_code).toBe('RESOURCE_ALREADY_EXISTS');
  });

  it('answers errors with error_code, message and MLflow\'s statuses', async () => {
    const duplicate = await fx.call('POST', 'experiments/create', { name: 'Default' });
    expect(duplicate).toMatchObject({ status: 400, body: { error_code: 'RESOURCE_ALREADY_EXISTS' } });
    const unknown = await fx.call('GET', 'experiments/get', { experiment_id: '424242' });
    expect(unknown).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.any(String) } });
    const missing = await fx.call('POST', 'experiments/create', {});
    expect(missing).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining("'name'") } });
    const tooLong = await fx.call('POST', 'experiments/create', { name: 'x'.repeat(501) });
    expect(tooLong).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const unknownName = await fx.call('GET', 'experiments/get-by-name', { experiment_name: 'nope' });
    expect(unknownName.status).toBe(404);
  });

  it('refuses malformed JSON and a wrong method', async () => {
    const malformed = await fx.fetch('/api/2.0/mlflow/experiments/create', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error_code: 'BAD_REQUEST', message: expect.stringContaining('not valid JSON') });
    const wrongMethod = await fx.fetch('/api/2.0/mlflow/experiments/create?name=x');
    expect(wrongMethod.status).toBe(400);
    expect(await wrongMethod.json()).toMatchObject({ error_code: 'BAD_REQUEST', message: expect.stringContaining('POST') });
  });
});

describe('unknown MLflow endpoints', () => {
  it('answer 404 ENDPOINT_NOT_FOUND in MLflow\'s error shape', async () => {
    const answer = await fx.call('POST', 'runs/no-such-thing', {});
    expect(answer).toMatchObject({ status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: expect.stringContaining('runs/no-such-thing') } });
  });
});
