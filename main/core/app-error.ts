import type { KnownErrorCode } from '../contract/errors';

/** An error meant for a person: a stable code and a message that says what to do. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: KnownErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): AppError => new AppError('RESOURCE_DOES_NOT_EXIST', what);
export const invalid = (message: string): AppError => new AppError('INVALID_PARAMETER_VALUE', message);
