import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../../main/app/server';

export interface MlflowFixture {
  server: RunningServer;
  /** Calls an MLflow endpoint: GET sends `params` as the query, anything else as a JSON body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- MLflow's JSON, checked field by field by each test
  call(method: string, endpoint: string, params?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** A raw request to any path on the server. */
  fetch(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

function toQuery(params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  return query.toString();
}

/** `neuroops serve` on a free port with a fresh data folder. */
export async function startMlflowServer(): Promise<MlflowFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-mlflow-'));
  const server = await startServer({ dataDir, port: 0, rendererDir: path.join(dataDir, 'no-renderer') });
  const base = server.url.replace(/\/$/, '');
  const fetchPath = (pathAndQuery: string, init?: RequestInit) => fetch(`${base}${pathAndQuery}`, init);
  return {
    server,
    fetch: fetchPath,
    async call(method, endpoint, params = {}) {
      const url = `/api/2.0/mlflow/${endpoint}`;
      const response =
        method === 'GET'
          ? await fetchPath(`${url}?${toQuery(params)}`)
          : await fetchPath(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
