import { authorizationHeader, redact, type RemoteAuth } from './remote-auth';
import { fromResponse, isRetryable, RemoteError, unreachable } from './remote-error';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first wait; each next one doubles, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

export interface MlflowClientOptions {
  uri: string;
  auth: RemoteAuth;
  retry?: RetryPolicy;
  /** Per request; an upload of a large artifact gets the same, as the remote may be slow. */
  timeoutMs?: number;
}

type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /**
   * False for requests that must not be sent twice blindly (runs/create, model-versions/create,
   * a log-batch of metric points): an answer lost on the wire may hide a write that happened.
   * Those are tried once (429 aside, which the server refuses before doing anything); their
   * callers look at the remote before trying again.
   */
  idempotent?: boolean;
  /** What the request does, for error messages: "creating run abc". */
  what?: string;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds)) return Math.min(retryAfterSeconds * 1000, policy.maxDelayMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return exp / 2 + Math.random() * (exp / 2);
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'no answer in time';
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'network error';
}

/**
 * A thin client for MLflow 2.x's REST API (`/api/2.0/mlflow/…` and the `mlflow-artifacts`
 * proxy), shaped like MLflow's own Python client's requests. It retries 429 and 5xx
 * answers and lost connections with exponential backoff; every error it raises is a
 * RemoteError whose message has been cleaned of the credentials.
 */
export class MlflowClient {
  readonly uri: string;
  private readonly auth: RemoteAuth;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(options: MlflowClientOptions) {
    this.uri = options.uri;
    this.auth = options.auth;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  get retryPolicy(): RetryPolicy {
    return this.retry;
  }

  private url(path: string, query?: Query): string {
    const url = new URL(`${this.uri}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const authorization = authorizationHeader(this.auth);
    return { ...extra, ...(authorization ? { Authorization: authorization } : {}) };
  }

  /** One HTTP exchange, retried as the policy says. `send` builds a fresh request each try (a body stream is used once). */
  private async exchange(what: string, idempotent: boolean, send: (signal: AbortSignal) => Promise<Response>): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      let error: RemoteError;
      let retryAfter: number | undefined;
      try {
        const response = await send(AbortSignal.timeout(this.timeoutMs));
        if (response.ok) return response;
        error = fromResponse(this.uri, what, response.status, await response.text().catch(() => ''));
        const header = response.headers.get('retry-after');
        retryAfter = header === null ? undefined : Number(header);
        if (!idempotent && response.status !== 429) error = new RemoteError(error.code, error.message, error.status, true, false);
      } catch (caught) {
        error = caught instanceof RemoteError ? caught : unreachable(this.uri, causeOf(caught));
      }
      const again = error.retryable && attempt + 1 < this.retry.attempts && (idempotent || error.status === 429);
      if (!again) throw new RemoteError(error.code, redact(error.message, this.auth), error.status, error.retryable, error.fatal);
      await sleep(backoffDelay(this.retry, attempt, retryAfter));
    }
  }

  /** A call to `/api/2.0/mlflow/<endpoint>`: GET and DELETE send `query`, POST and PATCH a JSON body. */
  async call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', endpoint: string, options: RequestOptions = {}): Promise<T> {
    const path = `/api/2.0/mlflow/${endpoint}`;
    const what = options.what ?? `${method} ${endpoint}`;
    const hasBody = method === 'POST' || method === 'PATCH';
    const response = await this.exchange(what, options.idempotent ?? true, (signal) =>
      fetch(this.url(path, hasBody ? undefined : options.query), {
        method,
        signal,
        headers: this.headers(hasBody ? { 'Content-Type': 'application/json' } : {}),
        body: hasBody ? JSON.stringify(options.body ?? {}) : undefined,
      }),
    );
    const text = await response.text();
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new RemoteError('BAD_RESPONSE', `The server at ${this.uri} answered ${what} with something other than JSON; is it an MLflow tracking server?`, response.status, false, true);
    }
  }

  /** PUT of one file through the `mlflow-artifacts` proxy, at `<experiment>/<run>/artifacts/<path>`. */
  async putArtifact(artifactPath: string, body: () => Buffer, what: string): Promise<void> {
    await this.exchange(what, true, (signal) =>
      fetch(this.url(`/api/2.0/mlflow-artifacts/artifacts/${encodePath(artifactPath)}`), {
        method: 'PUT',
        signal,
        headers: this.headers({ 'Content-Type': 'application/octet-stream' }),
        body: new Uint8Array(body()),
      }),
    );
  }

  async getArtifact(artifactPath: string, what: string): Promise<Buffer> {
    const response = await this.exchange(what, true, (signal) =>
      fetch(this.url(`/api/2.0/mlflow-artifacts/artifacts/${encodePath(artifactPath)}`), { signal, headers: this.headers() }),
    );
    return Buffer.from(await response.arrayBuffer());
  }

  /** One folder of the artifact proxy: base names, as MLflow's proxy lists them. */
  async listArtifacts(artifactPath: string): Promise<Array<{ path: string; is_dir?: boolean; file_size?: number | string }>> {
    const response = await this.exchange(`listing artifacts at ${artifactPath}`, true, (signal) =>
      fetch(this.url('/api/2.0/mlflow-artifacts/artifacts', { path: artifactPath }), { signal, headers: this.headers() }),
    );
    const body = (await response.json()) as { files?: Array<{ path: string; is_dir?: boolean; file_size?: number | string }> };
    return body.files ?? [];
  }

  /** Waits as the retry policy says before the `attempt`-th new try of a non-idempotent step. */
  async pause(attempt: number): Promise<void> {
    await sleep(backoffDelay(this.retry, attempt));
  }

  /** Whether a failed non-idempotent step may be tried again after looking at the remote. */
  mayRetry(error: unknown, attempt: number): boolean {
    return isRetryable(error) && attempt + 1 < this.retry.attempts;
  }
}

export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
