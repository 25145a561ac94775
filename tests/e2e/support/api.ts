import type { ServeProcess } from './server';

/** Calls one of MLflow's REST endpoints with a JSON body (POST unless told), as a training script would; throws on an error answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MLflow's JSON, read field by field by each test
export async function mlflow(serve: ServeProcess, endpoint: string, body: unknown, method: 'POST' | 'PATCH' | 'DELETE' = 'POST'): Promise<any> {
  const response = await fetch(`${serve.url}api/2.0/mlflow/${endpoint}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${endpoint}: ${JSON.stringify(json)}`);
  return json;
}

/** Calls one procedure of the app API over HTTP; throws on an error answer. */
export async function rpc(serve: ServeProcess, name: string, input: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${serve.url}api/rpc/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${name}: ${JSON.stringify(json)}`);
  return json;
}
