/**
 * Error codes that travel over every transport as `{ code, message }`. The first group
 * is MLflow's, so the MLflow REST endpoints and the app API speak one vocabulary.
 */
export const ERROR_HTTP_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  ABORTED: 409,
  RESOURCE_CONFLICT: 409,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  NOT_IMPLEMENTED: 501,
  // NeuroOps's own.
  UNSUPPORTED_HERE: 501,
  DATABASE_TOO_NEW: 500,
  DATA_DIR_IN_USE: 409,
  // 507 Insufficient Storage: the server cannot store what the request asked it to.
  DISK_FULL: 507,
} as const;

export type KnownErrorCode = keyof typeof ERROR_HTTP_STATUS;

/** The wire shape of every error. `code` may also be a pipeline code such as UNSAFE_ZIP. */
export interface ApiErrorBody {
  code: KnownErrorCode | (string & {});
  message: string;
}

export type RpcResult<T = unknown> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

export function httpStatusFor(code: string): number {
  return (ERROR_HTTP_STATUS as Record<string, number>)[code] ?? 400;
}
