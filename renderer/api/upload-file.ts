import type { Output } from '../../main/contract';
import { ApiError } from './api-error';

export type UploadRecord = Output<'uploads.get'>;

/**
 * Sends a file the user dropped or picked in a browser to the server's uploads/: POST
 * /api/uploads?fileName=NAME with the file as the body (the browser streams it; the
 * server refuses a body cut off midway). Answers the kept upload, or throws the refusal.
 */
export async function postUpload(file: File, contentType: 'application/zip' | 'text/csv'): Promise<UploadRecord> {
  let response: Response;
  try {
    response = await fetch(`api/uploads?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'Content-Type': contentType }, body: file });
  } catch {
    throw new ApiError({ code: 'UNAVAILABLE', message: `The upload of "${file.name}" did not reach the server. Is it still running? Try again.` });
  }
  const body = (await response.json().catch(() => null)) as (UploadRecord & { code?: string; message?: string }) | null;
  if (!response.ok) throw new ApiError({ code: body?.code ?? 'INTERNAL_ERROR', message: body?.message ?? `The server answered ${response.status} to the upload.` });
  return body!;
}
