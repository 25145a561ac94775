import { AppError } from '../../core/app-error';

/**
 * An answer from the remote that is not a success. `retryable` when trying again later
 * may work (the network, 429 and 5xx); `fatal` when no other item can fare better either
 * (unreachable, or the credentials are refused), so the sync stops instead of failing
 * every item in turn. Any other 4xx fails the one item, with MLflow's own message.
 */
export class RemoteError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly fatal: boolean,
  ) {
    super(code, message);
  }
}

export const isRemoteError = (error: unknown): error is RemoteError => error instanceof RemoteError;

export function isRetryable(error: unknown): boolean {
  return isRemoteError(error) && error.retryable;
}

/** The error for a request that never got an HTTP answer (refused, reset, timed out). */
export function unreachable(uri: string, cause: string): RemoteError {
  return new RemoteError(
    'REMOTE_UNREACHABLE',
    `Cannot reach the MLflow server at ${uri} (${cause}). Nothing is lost: what was not pushed stays pending and the next sync resumes where this one stopped.`,
    null,
    true,
    true,
  );
}

/** The error for an HTTP answer other than 2xx, from MLflow's `{"error_code", "message"}` body when there is one. */
export function fromResponse(uri: string, what: string, status: number, bodyText: string): RemoteError {
  let code: string | undefined;
  let message: string | undefined;
  try {
    const body = JSON.parse(bodyText) as { error_code?: unknown; message?: unknown };
    if (typeof body.error_code === 'string') code = body.error_code;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not MLflow's JSON (a proxy's HTML page, say): the start of the text is the best we have.
  }
  const said = message ?? (bodyText.replace(/\s+/g, ' ').trim().slice(0, 200) || `HTTP ${status}`);
  if (status === 401) {
    return new RemoteError('UNAUTHENTICATED', `The MLflow server at ${uri} refused the request as UNAUTHENTICATED: ${said} Set MLFLOW_TRACKING_TOKEN (or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD), or save credentials in Settings.`, status, false, true);
  }
  if (status === 403) {
    return new RemoteError('PERMISSION_DENIED', `The MLflow server at ${uri} refused ${what} (PERMISSION_DENIED): ${said} Ask its administrator for write access.`, status, false, true);
  }
  const retryable = status === 429 || status >= 500;
  return new RemoteError(code ?? (retryable ? 'REMOTE_UNAVAILABLE' : 'BAD_REQUEST'), `The MLflow server refused ${what} (${status} ${code ?? ''}): ${said}`.replace(' )', ')'), status, retryable, false);
}
