import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type MlflowFixture } from '../mlflow/support';
import { MODEL_METADATA, MODEL_ONNX } from './support';

let fx: MlflowFixture;
let runId: string;

beforeAll(async () => {
  fx = await startMlflowServer();
  // As an MLflow training script does: a run, its model directory through the artifact proxy, FINISHED.
  const created = await fx.call('POST', 'runs/create', { experiment_id: '0', run_name: 'train' });
  runId = created.body.run.info.run_id;
  await fx.call('POST', 'runs/log-metric', { run_id: runId, key: 'accuracy', value: 0.9, timestamp: Date.now() });
  for (const [file, body] of [
    ['model.onnx', fs.readFileSync(MODEL_ONNX)],
    ['neuroops.json', Buffer.from(JSON.stringify(MODEL_METADATA))],
  ] as const) {
    const put = await fx.fetch(`/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/model/${file}`, { method: 'PUT', body: new Uint8Array(body) });
    expect(put.status).toBe(200);
  }
  await fx.call('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
});
afterAll(() => fx?.stop());

const errorOf = (r: { status: number; body: { error_code?: string } }) => ({ status: r.status, error_code: r.body.error_code });

describe('MLflow registered-models endpoints', () => {
  it('create, get, update (PATCH), rename, set-tag, delete-tag, search and delete (DELETE), in MLflow shapes', async () => {
    const created = await fx.call('POST', 'registered-models/create', { name: 'eeg-clf', description: 'd', tags: [{ key: 'team', value: 'eeg' }] });
    expect(created.status).toBe(200);
    expect(created.body.registered_model).toMatchObject({ name: 'eeg-clf', description: 'd', tags: [{ key: 'team', value: 'eeg' }], latest_versions: [], aliases: [] });
    expect(typeof created.body.registered_model.creation_timestamp).toBe('number');

    expect(errorOf(await fx.call('POST', 'registered-models/create', { name: 'eeg-clf' }))).toEqual({ status: 400, error_code: 'RESOURCE_ALREADY_EXISTS' });
    expect(errorOf(await fx.call('POST', 'registered-models/create', {}))).toEqual({ status: 400, error_code: 'INVALID_PARAMETER_VALUE' });

    const got = await fx.call('GET', 'registered-models/get', { name: 'eeg-clf' });
    expect(got.body.registered_model.name).toBe('eeg-clf');
    const missing = await fx.call('GET', 'registered-models/get', { name: 'nope' });
    expect(errorOf(missing)).toEqual({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect(missing.body.message).toContain('Registered Model with name=nope not found');

    expect((await fx.call('PATCH', 'registered-models/update', { name: 'eeg-clf', description: 'new' })).body.registered_model.description).toBe('new');
    expect((await fx.call('POST', 'registered-models/set-tag', { name: 'eeg-clf', key: 'site', value: 'b' })).body).toEqual({});
    expect((await fx.call('DELETE', 'registered-models/delete-tag', { name: 'eeg-clf', key: 'team' })).body).toEqual({});
    expect((await fx.call('POST', 'registered-models/rename', { name: 'eeg-clf', new_name: 'eeg-classifier' })).body.registered_model).toMatchObject({
      name: 'eeg-classifier',
      tags: [{ key: 'site', value: 'b' }],
    });

    await fx.call('POST', 'registered-models/create', { name: 'other' });
    const searched = await fx.call('GET', 'registered-models/search', { filter: "name LIKE 'eeg%'", max_results: 10 });
    expect(searched.body.registered_models.map((m: { name: string }) => m.name)).toEqual(['eeg-classifier']);
    const paged = await fx.call('GET', 'registered-models/search', { max_results: 1 });
    expect(paged.body.next_page_token).toEqual(expect.any(String));
    const next = await fx.call('GET', 'registered-models/search', { max_results: 1, page_token: paged.body.next_page_token });
    expect(next.body.registered_models).toHaveLength(1);
    expect(errorOf(await fx.call('GET', 'registered-models/search', { max_results: 5000 }))).toEqual({ status: 400, error_code: 'INVALID_PARAMETER_VALUE' });

    expect((await fx.call('DELETE', 'registered-models/delete', { name: 'other' })).body).toEqual({});
    expect(errorOf(await fx.call('DELETE', 'registered-models/delete', { name: 'other' }))).toEqual({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('answers a wrong method with MLflow\'s error body', async () => {
    const wrong = await fx.call('GET', 'registered-models/create', { name: 'x' });
    expect(errorOf(wrong)).toEqual({ status: 400, error_code: 'BAD_REQUEST' });
    expect(wrong.body.message).toContain('POST');
  });
});

describe('MLflow model-versions endpoints', () => {
  it('create from an mlflow-artifacts source, get, update, set/delete tags, search, download URI, latest versions, transition-stage, delete', async () => {
    await fx.call('POST', 'registered-models/create', { name: 'mv' });
    const source = `mlflow-artifacts:/0/${runId}/artifacts/model`;
    const created = await fx.call('POST', 'model-versions/create', { name: 'mv', source, run_id: runId, tags: [{ key: 'k', value: 'v' }], description: 'first' });
    expect(created.status).toBe(200);
    expect(created.body.model_version).toMatchObject({
      name: 'mv',
      version: '1',
      current_stage: 'None',
      source,
      run_id: runId,
      status: 'READY',
      description: 'first',
      tags: [{ key: 'k', value: 'v' }],
      aliases: [],
    });
    expect(errorOf(await fx.call('POST', 'model-versions/create', { name: 'ghost', source }))).toEqual({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect(errorOf(await fx.call('POST', 'model-versions/create', { name: 'mv' }))).toEqual({ status: 400, error_code: 'INVALID_PARAMETER_VALUE' });
    await fx.call('POST', 'model-versions/create', { name: 'mv', source: `runs:/${runId}/model`, run_id: runId });

    expect((await fx.call('GET', 'model-versions/get', { name: 'mv', version: '2' })).body.model_version.version).toBe('2');
    const missing = await fx.call('GET', 'model-versions/get', { name: 'mv', version: '9' });
    expect(errorOf(missing)).toEqual({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect(missing.body.message).toContain('Model Version (name=mv, version=9) not found');
    expect(errorOf(await fx.call('GET', 'model-versions/get', { name: 'mv', version: 'abc' }))).toEqual({ status: 400, error_code: 'INVALID_PARAMETER_VALUE' });

    expect((await fx.call('PATCH', 'model-versions/update', { name: 'mv', version: '1', description: 'changed' })).body.model_version.description).toBe('changed');
    expect((await fx.call('POST', 'model-versions/set-tag', { name: 'mv', version: '2', key: 'checked', value: 'yes' })).body).toEqual({});
    expect((await fx.call('DELETE', 'model-versions/delete-tag', { name: 'mv', version: '1', key: 'k' })).body).toEqual({});

    const search = await fx.call('GET', 'model-versions/search', { filter: "name = 'mv' AND tags.checked = 'yes'" });
    expect(search.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['2']);
    expect((await fx.call('GET', 'model-versions/search', { filter: `run_id = '${runId}'` })).body.model_versions).toHaveLength(2);

    expect((await fx.call('GET', 'model-versions/get-download-uri', { name: 'mv', version: '1' })).body).toEqual({ artifact_uri: source });

    const staged = await fx.call('POST', 'model-versions/transition-stage', { name: 'mv', version: '1', stage: 'Staging', archive_existing_versions: false });
    expect(staged.body.model_version.current_stage).toBe('Staging');
    expect(errorOf(await fx.call('POST', 'model-versions/transition-stage', { name: 'mv', version: '1', stage: 'Live' }))).toEqual({ status: 400, error_code: 'INVALID_PARAMETER_VALUE' });
    const latest = await fx.call('POST', 'registered-models/get-latest-versions', { name: 'mv', stages: ['Staging'] });
    expect(latest.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['1']);
    const latestAll = await fx.call('GET', 'registered-models/get-latest-versions', { name: 'mv' });
    expect(latestAll.body.model_versions.map((v: { version: string; current_stage: string }) => `${v.version}:${v.current_stage}`).sort()).toEqual(['1:Staging', '2:None']);

    expect((await fx.call('DELETE', 'model-versions/delete', { name: 'mv', version: '2' })).body).toEqual({});
    expect(errorOf(await fx.call('GET', 'model-versions/get', { name: 'mv', version: '2' }))).toEqual({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });
});

describe('MLflow alias endpoint (registered-models/alias)', () => {
  it('sets (POST), reads (GET) and removes (DELETE) an alias; the model and version list it', async () => {
    await fx.call('POST', 'registered-models/create', { name: 'al' });
    await fx.call('POST', 'model-versions/create', { name: 'al', source: `runs:/${runId}/model`, run_id: runId });
    expect((await fx.call('POST', 'registered-models/alias', { name: 'al', alias: 'champion', version: '1' })).body).toEqual({});
    const got = await fx.call('GET', 'registered-models/alias', { name: 'al', alias: 'champion' });
    expect(got.body.model_version).toMatchObject({ version: '1', aliases: ['champion'] });
    expect((await fx.call('GET', 'registered-models/get', { name: 'al' })).body.registered_model.aliases).toEqual([{ alias: 'champion', version: '1' }]);
    // MLflow's Python client sends DELETE with a JSON body; curl users with a query string.
    const removed = await fx.fetch('/api/2.0/mlflow/registered-models/alias?name=al&alias=champion', { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(errorOf(await fx.call('GET', 'registered-models/alias', { name: 'al', alias: 'champion' }))).toEqual({ status: 404, error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it.each(['latest', 'v3', 'bad alias', 'x'.repeat(256)])('refuses the alias %j with INVALID_PARAMETER_VALUE', async (alias) => {
    const r = await fx.call('POST', 'registered-models/alias', { name: 'al', alias, version: '1' });
    expect(errorOf(r)).toEqual({ status: 400, error_code: 'INVALID_PARAMETER_VALUE' });
  });

  it('an alias moved by an MLflow client onto production shows in the history as mlflow-client', async () => {
    await fx.call('POST', 'registered-models/alias', { name: 'al', alias: 'production', version: '1' });
    const history = fx.server.core.services.registry.history('al');
    expect(history[0]).toMatchObject({ kind: 'alias', toVersion: 1, actor: 'mlflow-client' });
  });
});
