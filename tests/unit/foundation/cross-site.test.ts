import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type MlflowFixture } from '../mlflow/support';

let fx: MlflowFixture;
let port: number;
let runId: string;

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- both error shapes, read field by field
  body: any;
}

/** A raw request, so the test sets Origin, Sec-Fetch-* and Content-Type exactly as a browser or curl would. */
function raw(method: string, pathname: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON (an SSE stream, say): keep the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const EVIL = { Origin: 'http://evil.example' };
const JSON_TYPE = { 'Content-Type': 'application/json' };

async function experimentNames(): Promise<string[]> {
  const found = await fx.call('GET', 'experiments/search', { max_results: 1000 });
  return found.body.experiments.map((e: { name: string }) => e.name);
}

beforeAll(async () => {
  fx = await startMlflowServer();
  port = fx.server.port;
  runId = (await fx.call('POST', 'runs/create', { experiment_id: '0', run_name: 'kept' })).body.run.info.run_id;
  await fx.call('POST', 'registered-models/create', { name: 'kept-model' });
});
afterAll(() => fx?.stop());

describe('cross-site requests are refused on every state-changing route', () => {
  it('refuses the exact curl of the report (Origin of another site, text/plain) with 403 and MLflow\'s error shape', async () => {
    const answer = await raw('POST', '/api/2.0/mlflow/experiments/create', { ...EVIL, 'Content-Type': 'text/plain' }, '{"name":"x"}');
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error_code: 'PERMISSION_DENIED', message: expect.stringContaining('http://evil.example') });
    expect(await experimentNames()).not.toContain('x');
  });

  // One state-changing request per route family; each must be refused whatever its content type.
  const families: { name: string; method: string; path: () => string; body: () => string | Buffer; mlflowShape: boolean }[] = [
    { name: 'MLflow experiments/create', method: 'POST', path: () => '/api/2.0/mlflow/experiments/create', body: () => '{"name":"evil"}', mlflowShape: true },
    { name: 'MLflow runs/delete', method: 'POST', path: () => '/api/2.0/mlflow/runs/delete', body: () => JSON.stringify({ run_id: runId }), mlflowShape: true },
    { name: 'MLflow registered-models/delete', method: 'DELETE', path: () => '/api/2.0/mlflow/registered-models/delete', body: () => '{"name":"kept-model"}', mlflowShape: true },
    { name: 'MLflow registered-models/alias', method: 'POST', path: () => '/api/2.0/mlflow/registered-models/alias', body: () => '{"name":"kept-model","alias":"champion","version":"1"}', mlflowShape: true },
    { name: 'MLflow model-versions/transition-stage', method: 'POST', path: () => '/api/2.0/mlflow/model-versions/transition-stage', body: () => '{"name":"kept-model","version":"1","stage":"Production"}', mlflowShape: true },
    { name: 'MLflow artifact upload', method: 'PUT', path: () => `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/evil.txt`, body: () => 'evil', mlflowShape: true },
    { name: 'MLflow artifact delete', method: 'DELETE', path: () => `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/evil.txt`, body: () => '', mlflowShape: true },
    { name: 'app RPC tracking.deleteRun', method: 'POST', path: () => '/api/rpc/tracking.deleteRun', body: () => JSON.stringify({ runId }), mlflowShape: false },
    { name: 'app RPC registry.deleteModel', method: 'POST', path: () => '/api/rpc/registry.deleteModel', body: () => '{"name":"kept-model"}', mlflowShape: false },
    { name: 'bundle upload', method: 'POST', path: () => '/api/bundles/import', body: () => Buffer.from('PK\x05\x06'), mlflowShape: false },
  ];

  for (const family of families) {
    it(`${family.name}: refused with 403 for a foreign Origin or Sec-Fetch-Site, whatever the Content-Type`, async () => {
      const foreign = [
        { ...EVIL, 'Content-Type': 'text/plain' },
        { ...EVIL, ...JSON_TYPE },
        { Origin: 'null', ...JSON_TYPE },
        // Another port of the same host is another origin.
        { Origin: `http://127.0.0.1:${port + 1}`, ...JSON_TYPE },
        { Origin: `http://localhost:${port}`, ...JSON_TYPE },
        { 'Sec-Fetch-Site': 'cross-site', ...JSON_TYPE },
        { 'Sec-Fetch-Site': 'same-site', ...JSON_TYPE },
      ];
      for (const headers of foreign) {
        const answer = await raw(family.method, family.path(), headers, family.body());
        expect({ headers, status: answer.status }).toEqual({ headers, status: 403 });
        if (family.mlflowShape) expect(answer.body.error_code).toBe('PERMISSION_DENIED');
        else expect(answer.body.code).toBe('PERMISSION_DENIED');
        expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  }

  it('changed nothing: the run, the model and its aliases are as they were, and no artifact was written', async () => {
    const run = await fx.call('GET', 'runs/get', { run_id: runId });
    expect(run.body.run.info.lifecycle_stage).toBe('active');
    const model = await fx.call('GET', 'registered-models/get', { name: 'kept-model' });
    expect(model.status).toBe(200);
    expect(model.body.registered_model.aliases ?? []).toEqual([]);
    const artifacts = await fx.call('GET', 'artifacts/list', { run_id: runId });
    expect(artifacts.body.files ?? []).toEqual([]);
    expect(await experimentNames()).not.toContain('evil');
  });
});

describe('JSON bodies must be declared as application/json', () => {
  it('refuses text/plain, forms and a charset that merely mentions JSON, on MLflow routes and the RPC alike', async () => {
    for (const type of ['text/plain', 'text/plain; charset=application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const mlflow = await raw('POST', '/api/2.0/mlflow/experiments/create', { 'Content-Type': type }, '{"name":"typed"}');
      expect({ type, status: mlflow.status, code: mlflow.body.error_code }).toEqual({ type, status: 400, code: 'BAD_REQUEST' });
      const rpc = await raw('POST', '/api/rpc/tracking.createExperiment', { 'Content-Type': type }, '{"name":"typed"}');
      expect({ type, status: rpc.status, code: rpc.body.code }).toEqual({ type, status: 400, code: 'BAD_REQUEST' });
      expect(rpc.body.message).toContain('application/json');
    }
    const noType = await raw('POST', '/api/2.0/mlflow/experiments/create', {}, '{"name":"typed"}');
    expect(noType.status).toBe(400);
    const registryPatch = await raw('PATCH', '/api/2.0/mlflow/registered-models/update', { 'Content-Type': 'text/plain' }, '{"name":"kept-model","description":"evil"}');
    expect(registryPatch.status).toBe(400);
    const registryDelete = await raw('DELETE', '/api/2.0/mlflow/registered-models/delete', { 'Content-Type': 'text/plain' }, '{"name":"kept-model"}');
    expect(registryDelete.status).toBe(400);
    expect(await experimentNames()).not.toContain('typed');
    expect((await fx.call('GET', 'registered-models/get', { name: 'kept-model' })).body.registered_model.description ?? '').toBe('');
  });

  it('keeps requests without Origin working: JSON with parameters, as curl, Python and the MLflow clients send them', async () => {
    const utf8 = await raw('POST', '/api/2.0/mlflow/experiments/create', { 'Content-Type': 'application/json; charset=utf-8' }, '{"name":"from-python"}');
    expect(utf8.status).toBe(200);
    const upper = await raw('POST', '/api/rpc/tracking.createExperiment', { 'Content-Type': 'Application/JSON' }, '{"name":"from-curl"}');
    expect(upper.status).toBe(200);
    // A DELETE with its fields in the query string and no body needs no Content-Type.
    await fx.call('POST', 'registered-models/create', { name: 'to-delete' });
    const del = await raw('DELETE', '/api/2.0/mlflow/registered-models/delete?name=to-delete', {});
    expect(del.status).toBe(200);
    const put = await raw('PUT', `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/ok.txt`, { 'Content-Type': 'application/octet-stream' }, 'ok');
    expect(put.status).toBe(200);
    expect(await experimentNames()).toEqual(expect.arrayContaining(['from-python', 'from-curl']));
  });

  it('accepts the server\'s own pages: Origin equal to the Host it was reached by, Sec-Fetch-Site same-origin', async () => {
    const own = await raw('POST', '/api/rpc/tracking.createExperiment', { Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin', ...JSON_TYPE }, '{"name":"from-ui"}');
    expect(own.status).toBe(200);
    const byName = await raw('POST', '/api/2.0/mlflow/experiments/create', { Host: `localhost:${port}`, Origin: `http://localhost:${port}`, ...JSON_TYPE }, '{"name":"from-ui-by-name"}');
    expect(byName.status).toBe(200);
  });
});

describe('reads do not leak across origins', () => {
  it('sends no CORS headers, not even to a preflight, so no other page can read an answer', async () => {
    const preflight = await raw('OPTIONS', '/api/rpc/tracking.searchExperiments', { ...EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    for (const pathname of ['/api/health', '/api/2.0/mlflow/experiments/search?max_results=10', `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/ok.txt`]) {
      const answer = await raw('GET', pathname, EVIL);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('refuses API reads embedded or fetched by a page on another site, but lets a link to a download through', async () => {
    const embedded = await raw('GET', '/api/2.0/mlflow/experiments/search?max_results=10', { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' });
    expect(embedded.status).toBe(403);
    const events = await raw('GET', '/api/events', { ...EVIL, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' });
    expect(events.status).toBe(403);
    expect(events.headers['access-control-allow-origin']).toBeUndefined();
    const link = await raw('GET', `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/ok.txt`, { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' });
    expect(link.status).toBe(200);
  });

  it('marks JSON answers nosniff, so they cannot be loaded as a script or a style', async () => {
    const answer = await raw('GET', '/api/health', {});
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});
