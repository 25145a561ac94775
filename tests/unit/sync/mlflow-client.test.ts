import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MlflowClient } from '../../../main/services/sync/mlflow-client';
import { authFromEnv, normalizeRemoteUri, redact } from '../../../main/services/sync/remote-auth';
import type { RemoteError } from '../../../main/services/sync/remote-error';

const FAST = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A stand-in server answering each request with the next of `answers` (the last one repeats), recording what it got. */
async function scripted(answers: Array<[number, unknown, Record<string, string>?]>): Promise<{ uri: string; seen: Array<{ method: string; url: string; auth?: string }> }> {
  const seen: Array<{ method: string; url: string; auth?: string }> = [];
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
      const [status, body, headers] = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { uri: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    return error as RemoteError;
  }
  throw new Error('expected a failure');
}

describe('the MLflow REST client', () => {
  it('retries 429 and 5xx with backoff, then succeeds', async () => {
    const { uri, seen } = await scripted([
      [429, { error_code: 'RESOURCE_EXHAUSTED', message: 'slow down' }, { 'Retry-After': '0' }],
      [503, { error_code: 'INTERNAL_ERROR', message: 'busy' }],
      [200, { experiment_id: '7' }],
    ]);
    const client = new MlflowClient({ uri, auth: { kind: 'bearer', token: 'secret-token-123' }, retry: FAST });
    expect(await client.call('POST', 'experiments/create', { body: { name: 'x' } })).toEqual({ experiment_id: '7' });
    expect(seen.map((s) => [s.method, s.url, s.auth])).toEqual(Array(3).fill(['POST', '/api/2.0/mlflow/experiments/create', 'Bearer secret-token-123']));
  });

  it('sends basic auth as MLflow does, from a user name and password', async () => {
    const { uri, seen } = await scripted([[200, { experiments: [] }]]);
    await new MlflowClient({ uri, auth: { kind: 'basic', username: 'alice', password: 'pw-1234' }, retry: FAST }).call('GET', 'experiments/search', { query: { max_results: 1 } });
    expect(seen).toEqual([{ method: 'GET', url: '/api/2.0/mlflow/experiments/search?max_results=1', auth: `Basic ${Buffer.from('alice:pw-1234').toString('base64')}` }]);
  });

  it("fails a 4xx at once with MLflow's own error code and message", async () => {
    const { uri, seen } = await scripted([[400, { error_code: 'INVALID_PARAMETER_VALUE', message: "Changing param values is not allowed. Param with key='lr' was already logged" }]]);
    const error = await failure(new MlflowClient({ uri, auth: { kind: 'none' }, retry: FAST }).call('POST', 'runs/log-batch', { body: {} }));
    expect(error).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', status: 400, retryable: false, fatal: false });
    expect(error.message).toContain("Param with key='lr' was already logged");
    expect(seen).toHaveLength(1);
  });

  it('reports UNAUTHENTICATED as such, stops everything, and never repeats the credentials', async () => {
    const { uri } = await scripted([[401, { error_code: 'UNAUTHENTICATED', message: 'Bad token secret-token-123' }]]);
    const error = await failure(new MlflowClient({ uri, auth: { kind: 'bearer', token: 'secret-token-123' }, retry: FAST }).call('GET', 'experiments/search'));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', fatal: true });
    expect(error.message).toContain('UNAUTHENTICATED');
    expect(error.message).not.toContain('secret-token-123');
  });

  it('sends a non-idempotent request once on a 5xx, leaving the retry to its caller, who looks first', async () => {
    const { uri, seen } = await scripted([[500, { error_code: 'INTERNAL_ERROR', message: 'boom' }]]);
    const client = new MlflowClient({ uri, auth: { kind: 'none' }, retry: FAST });
    const error = await failure(client.call('POST', 'runs/create', { body: {}, idempotent: false }));
    expect(error).toMatchObject({ retryable: true, fatal: false });
    expect(seen).toHaveLength(1);
    expect(client.mayRetry(error, 0)).toBe(true);
    expect(client.mayRetry(error, FAST.attempts - 1)).toBe(false);
  });

  it('gives up on an unreachable server after the attempts, as REMOTE_UNREACHABLE', async () => {
    const { uri } = await scripted([[200, {}]]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const error = await failure(new MlflowClient({ uri, auth: { kind: 'none' }, retry: FAST }).call('GET', 'experiments/search'));
    expect(error).toMatchObject({ code: 'REMOTE_UNREACHABLE', fatal: true });
  });
});

describe('remote credentials', () => {
  it("reads MLflow's environment variables, a token before a user name and password", () => {
    expect(authFromEnv({ MLFLOW_TRACKING_TOKEN: 't', MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' })).toEqual({ kind: 'bearer', token: 't' });
    expect(authFromEnv({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' })).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(authFromEnv({ MLFLOW_TRACKING_USERNAME: 'u' })).toBeNull();
  });

  it('redacts the token, the password and the encoded basic header from any text', () => {
    const basic = { kind: 'basic' as const, username: 'alice', password: 'hunter2-long' };
    const encoded = Buffer.from('alice:hunter2-long').toString('base64');
    expect(redact(`pw hunter2-long header Basic ${encoded}`, basic)).toBe('pw [redacted] header Basic [redacted]');
    expect(redact('Bearer abcdef123', { kind: 'bearer', token: 'abcdef123' })).toBe('Bearer [redacted]');
  });

  it('refuses credentials or a query string in the remote URL, and trims its trailing slash', () => {
    expect(normalizeRemoteUri('http://mlflow.lab:5000/')).toBe('http://mlflow.lab:5000');
    expect(() => normalizeRemoteUri('http://alice:pw@mlflow.lab')).toThrow(/credentials/);
    expect(() => normalizeRemoteUri('http://mlflow.lab/?token=x')).toThrow(/query string/);
    expect(() => normalizeRemoteUri('ftp://mlflow.lab')).toThrow(/http/);
  });
});
