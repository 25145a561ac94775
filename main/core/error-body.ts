import { ZodError } from 'zod';
import type { ApiErrorBody } from '../contract/errors';
import { DISK_FULL_MESSAGE, isDiskFullError, recordDiskFull } from './disk-full';

// Errors that carry a code made for people: ours, and the pipelines' (which cannot import
// main/). Anything else is a bug, and its details stay in the log, not on the wire.
const CODED_ERROR_NAMES = new Set(['AppError', 'PipelineError']);

export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ZodError) {
    return { code: 'INVALID_PARAMETER_VALUE', message: describeZodError(error) };
  }
  if (error instanceof Error && CODED_ERROR_NAMES.has(error.name)) {
    const code = (error as Error & { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: error.message };
  }
  if (isDiskFullError(error)) {
    recordDiskFull();
    return { code: 'DISK_FULL', message: DISK_FULL_MESSAGE };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL_ERROR', message: `Unexpected internal error: ${message}` };
}
