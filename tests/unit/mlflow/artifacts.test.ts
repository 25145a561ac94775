import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type MlflowFixture } from './support';

let fx: MlflowFixture;
let experimentId: string;
let runId: string;
let base: string;
beforeAll(async () => {
  fx = await startMlflowServer();
  experimentId = (await fx.call('POST', 'experiments/create', { name: 'artifacts' })).body.experiment_id;
  runId = (await fx.call('POST', 'runs/create', { experiment_id: experimentId })).body.run.info.run_id;
  base = `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts`;
});
afterAll(() => fx.stop());

const put = (path: string, body: string | Uint8Array) => fx.fetch(`${base}/${path}`, { method: 'PUT', body: new Blob([body as BlobPart]) });

/** A request sent byte for byte, so ".." reaches the server unnormalized (fetch would resolve it). */
function rawRequest(method: string, rawPath: string): Promise<{ status: number; body: string }> {
  const url = new URL(fx.server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'PUT' ? 'x' : undefined);
  });
}

describe('MLflow artifact proxy', () => {
  it('uploads with PUT, lists with GET ?path=, downloads with GET and deletes with DELETE', async () => {
    expect((await put('model/MLmodel', 'artifact_path: model\n')).status).toBe(200);
    expect((await put('model/model.onnx', new Uint8Array([0, 1, 2, 3]))).status).toBe(200);
    const putAnswer = await put('plots/loss.png', new Uint8Array([137, 80, 78, 71]));
    expect(await putAnswer.json()).toEqual({});

    const root = await fx.fetch(`/api/2.0/mlflow-artifacts/artifacts?path=${experimentId}/${runId}/artifacts`);
    expect(await root.json()).toEqual({ files: [{ path: 'model', is_dir: true }, { path: 'plots', is_dir: true }] });
    const model = await fx.fetch(`/api/2.0/mlflow-artifacts/artifacts?path=${experimentId}/${runId}/artifacts/model`);
    expect(await model.json()).toEqual({
      files: [{ path: 'MLmodel', is_dir: false, file_size: 21 }, { path: 'model.onnx', is_dir: false, file_size: 4 }],
    });

    const download = await fx.fetch(`${base}/model/MLmodel`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/plain');
    expect(await download.text()).toBe('artifact_path: model\n');
    const image = await fx.fetch(`${base}/plots/loss.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-length')).toBe('4');
    expect(image.headers.get('content-disposition')).toBe(`attachment; filename="loss.png"; filename*=UTF-8''loss.png`);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));

    expect((await fx.fetch(`${base}/plots`, { method: 'DELETE' })).status).toBe(200);
    expect((await fx.fetch(`${base}/plots/loss.png`)).status).toBe(404);
  });

  it('lists through the tracking API artifacts/list with paths from the run root', async () => {
    await put('report/summary.json', '{"acc": 0.8}');
    const listed = await fx.call('GET', 'artifacts/list', { run_id: runId, path: 'report' });
    expect(listed).toEqual({
      status: 200,
      body: { root_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`, files: [{ path: 'report/summary.json', is_dir: false, file_size: 12 }] },
    });
    const top = await fx.call('GET', 'artifacts/list', { run_id: runId });
    expect(top.body.files).toContainEqual({ path: 'report', is_dir: true });
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for a missing file or run', async () => {
    const missing = await fx.fetch(`${base}/nope.txt`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
    const unknownRun = await fx.fetch(`/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${'a'.repeat(32)}/artifacts/x`);
    expect(unknownRun.status).toBe(404);
    const wrongExperiment = await fx.fetch(`/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/x`, { method: 'PUT', body: 'x' });
    expect(wrongExperiment.status).toBe(404);
  });

  it('refuses path traversal with 400 INVALID_PARAMETER_VALUE', async () => {
    for (const path of [`${base}/../../../etc/passwd`, `${base}/a/%2e%2e/%2e%2e/b`, `${base}/a%2F..%2F..%2Fb`]) {
      for (const method of ['PUT', 'GET']) {
        const answer = await rawRequest(method, path);
        expect(answer.status, `${method} ${path}`).toBe(400);
        expect(JSON.parse(answer.body)).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
      }
    }
    const listed = await fx.call('GET', 'artifacts/list', { run_id: runId, path: '../..' });
    expect(listed).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
  });

  it('refuses uploads to a deleted run', async () => {
    const other = (await fx.call('POST', 'runs/create', { experiment_id: experimentId })).body.run.info.run_id;
    await fx.call('POST', 'runs/delete', { run_id: other });
    const refused = await fx.fetch(`/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${other}/artifacts/x.txt`, { method: 'PUT', body: 'x' });
    expect(refused.status).toBe(400);
  });
});
