/**
 * The one error type that pipeline code throws on bad input.
 *
 * `code` is stable and machine-readable (the UI and CLI switch on it); `message`
 * is written for a researcher: it names the file and says what is wrong with it,
 * so they can fix the file rather than read a stack trace.
 */
export type PipelineErrorCode =
  | 'INVALID_FILE'
  | 'FILE_NOT_FOUND'
  | 'UNSUPPORTED_FORMAT'
  | 'OUT_OF_RANGE'
  | 'UNSAFE_ZIP'
  | 'ZIP_TOO_LARGE'
  | 'NOT_BIDS'
  | (string & {});

export class PipelineError extends Error {
  constructor(
    public readonly code: PipelineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

export function isPipelineError(e: unknown, code?: string): e is PipelineError {
  return e instanceof PipelineError && (code === undefined || e.code === code);
}
