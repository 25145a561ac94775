import type { ApiErrorBody } from '../../main/contract';

/** A failed call, with the code and message the core sent. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.code = body.code;
  }
}
