import { AppError } from '../core/app-error';

/** A command line that cannot be acted on; the message says what to type instead. */
export function usageError(message: string): AppError {
  return new AppError('BAD_REQUEST', message);
}
