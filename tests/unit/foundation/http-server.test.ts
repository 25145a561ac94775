import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { startHttpServer, type RunningHttpServer } from '../../../main/transport/http-server';
import { tempDir } from '../../support/temp-dir';

let core: Core | undefined;
let server: RunningHttpServer | undefined;

afterEach(async () => {
  await server?.close();
  await core?.close();
  server = core = undefined;
});

async function start(options: { host?: string; token?: string } = {}) {
  core = await createCore({ dataDir: tempDir() });
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>NeuroOps</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startHttpServer({ core, rendererDir, host: options.host ?? '127.0.0.1', port: 0, token: options.token });
  return server;
}

/** A raw request, so the test controls the Host header as an attacker would. */
function rawGet(port: number, pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP transport', () => {
  it('answers /api/health with the status and version', async () => {
    const { url } = await start();
    const response = await fetch(`${url}api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: expect.any(String), disk: expect.objectContaining({ status: 'ok', freeBytes: expect.any(Number) }) });
  });

  it('serves the renderer with a strict CSP, falls back to index.html for routes, and never leaves its folder', async () => {
    const { url, port } = await start();
    const index = await fetch(url);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<title>NeuroOps</title>');
    expect(await (await fetch(`${url}assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${url}assets/missing.js`)).status).toBe(404);
    const escape = await rawGet(port, '/../../../../etc/passwd', { host: '127.0.0.1' });
    expect(escape.body).not.toContain('root:');
    const encoded = await rawGet(port, '/%2e%2e/%2e%2e/etc/passwd', { host: '127.0.0.1' });
    expect(encoded.body).not.toContain('root:');
  });

  it('rejects RPC calls that are not JSON POSTs, and unknown API paths', async () => {
    const { url } = await start();
    const form = await fetch(`${url}api/rpc/system.info`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } });
    expect(form.status).toBe(400);
    expect((await form.json()).code).toBe('BAD_REQUEST');
    const get = await fetch(`${url}api/rpc/system.info`);
    expect(get.status).toBe(400);
    const unknown = await fetch(`${url}api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe('ENDPOINT_NOT_FOUND');
  });

  it('answers requests addressed to a non-loopback name with 403 (DNS rebinding)', async () => {
    const { port } = await start();
    const rebound = await rawGet(port, '/api/health', { host: 'attacker.example:5001' });
    expect(rebound.status).toBe(403);
    const local = await rawGet(port, '/api/health', { host: `localhost:${port}` });
    expect(local.status).toBe(200);
  });

  it('refuses to bind to a non-loopback address without a token', async () => {
    core = await createCore({ dataDir: tempDir() });
    await expect(startHttpServer({ core, rendererDir: tempDir(), host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringContaining('--token'),
    });
  });

  it('with a token, answers 401 to requests without it and accepts header, query and cookie forms', async () => {
    const { url } = await start({ host: '0.0.0.0', token: 's3cret-s3cret-s3cret' });
    const local = url.replace('0.0.0.0', '127.0.0.1');
    const missing = await fetch(`${local}api/health`);
    expect(missing.status).toBe(401);
    expect((await missing.json()).code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${local}api/health`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(local)).status).toBe(401);
    expect((await fetch(`${local}api/health`, { headers: { Authorization: 'Bearer s3cret-s3cret-s3cret' } })).status).toBe(200);

    const page = await fetch(`${local}?token=s3cret-s3cret-s3cret`);
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    const withCookie = await fetch(`${local}api/rpc/system.health`, {
      method: 'POST',
      headers: { Cookie: cookie.split(';')[0]!, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(withCookie.status).toBe(200);
  });

  it('streams core events over SSE', async () => {
    const { url } = await start();
    const controller = new AbortController();
    const response = await fetch(`${url}api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain(': connected');
    core!.events.emit('system.notice', { level: 'warning', message: 'disk almost full', at: 42 });
    while (!text.includes('disk almost full')) text += decoder.decode((await reader.read()).value);
    const line = text.split('\n').find((l) => l.startsWith('data: '))!;
    expect(JSON.parse(line.slice(6))).toEqual({ name: 'system.notice', payload: { level: 'warning', message: 'disk almost full', at: 42 } });
    controller.abort();
  });

  it('answers 400, not 500, to a cookie that is not valid percent-encoding, before the token check', async () => {
    const { port } = await start({ token: 'a-token-of-twenty-chars' });
    const app = await rawGet(port, '/api/health', { host: '127.0.0.1', cookie: 'neuroops_token=%E0%A4%A' });
    expect(app.status).toBe(400);
    expect(JSON.parse(app.body)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cookie') });
    const mlflow = await rawGet(port, '/api/2.0/mlflow/experiments/search', { host: '127.0.0.1', cookie: 'other=1; neuroops_token=%E0%A4%A' });
    expect(mlflow.status).toBe(400);
    expect(JSON.parse(mlflow.body)).toMatchObject({ error_code: 'BAD_REQUEST', message: expect.stringContaining('cookie') });
    const page = await rawGet(port, '/', { host: '127.0.0.1', cookie: 'neuroops_token=%E0%A4%A' });
    expect(page.status).toBe(400);
    const badRpcName = await rawGet(port, '/api/rpc/%E0%A4%A', { host: '127.0.0.1', authorization: 'Bearer a-token-of-twenty-chars' });
    expect(badRpcName.status).toBe(400);
  });

  it('accepts the bearer scheme in any case, and answers MLflow paths in MLflow\'s error shape', async () => {
    const { port } = await start({ token: 'a-token-of-twenty-chars' });
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const answer = await rawGet(port, '/api/health', { host: '127.0.0.1', authorization: `${scheme} a-token-of-twenty-chars` });
      expect(answer.status).toBe(200);
    }
    const refused = await rawGet(port, '/api/2.0/mlflow/experiments/search', { host: '127.0.0.1', authorization: 'bearer wrong-token-wrong-token' });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ error_code: 'UNAUTHENTICATED' });
  });

  it('treats the Host header case-insensitively: LOCALHOST is loopback, with or without a port', async () => {
    const { port } = await start();
    for (const host of ['LOCALHOST', `LocalHost:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await rawGet(port, '/api/health', { host })).status).toBe(200);
    }
    expect((await rawGet(port, '/api/health', { host: 'LOCALHOST.evil.example' })).status).toBe(403);
  });
});
