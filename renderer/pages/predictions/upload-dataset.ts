import type { Output } from '../../../main/contract';
import { api, ApiError } from '../../api/client';
import { bridge } from '../../api/transport';

export type Upload = Output<'uploads.add'>;

/** Where uploads are streamed over HTTP (the contract's UPLOAD_HTTP_PATH, relative to the page). */
const UPLOAD_URL = 'api/uploads';

/**
 * Keeps a dropped dataset in uploads/. In the desktop app the dropped file or folder has a
 * place on disk (preload's getPathForFile), and the core copies it from there; in a
 * browser only a zip can be sent, streamed to the server as the request body.
 */
export async function uploadDropped(file: File): Promise<Upload> {
  const path = bridge.pathForFile?.(file);
  if (path) return api.uploads.add({ path, name: file.name });
  if (!/\.zip$/i.test(file.name)) {
    throw new ApiError({
      code: 'INVALID_PARAMETER_VALUE',
      message: `"${file.name}" is not a .zip. In a browser a dataset is uploaded as a zip of its BIDS folder; the desktop app also takes the folder itself.`,
    });
  }
  return uploadZip(file);
}

/** POST /api/uploads?fileName=NAME.zip with the zip as the body; the server refuses a cut-off body. */
export async function uploadZip(file: Blob & { name: string }): Promise<Upload> {
  let response: Response;
  try {
    response = await fetch(`${UPLOAD_URL}?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: file });
  } catch {
    throw new ApiError({ code: 'UNAVAILABLE', message: `The upload of "${file.name}" did not reach the server. Is it still running? Drop the zip again.` });
  }
  const body = (await response.json().catch(() => null)) as (Upload & { code?: string; message?: string }) | null;
  if (!response.ok) throw new ApiError({ code: body?.code ?? 'INTERNAL_ERROR', message: body?.message ?? `The server answered ${response.status} to the upload.` });
  return body!;
}

/** A dataset chosen by path (a native dialog, or a dataset dropped elsewhere in the desktop app). */
export const uploadPath = (path: string): Promise<Upload> => api.uploads.add({ path });
