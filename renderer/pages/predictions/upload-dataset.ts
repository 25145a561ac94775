import { api, ApiError } from '../../api/client';
import { bridge } from '../../api/transport';
import { postUpload, type UploadRecord } from '../../api/upload-file';

/**
 * Keeps a dropped dataset in uploads/. In the desktop app the dropped file or folder has a
 * place on disk (preload's getPathForFile), and the core copies it from there; in a
 * browser only a zip can be sent, streamed to the server as the request body.
 */
export async function uploadDropped(file: File): Promise<UploadRecord> {
  const path = bridge.pathForFile?.(file);
  if (path) return api.uploads.add({ path, name: file.name });
  if (!/\.zip$/i.test(file.name)) {
    throw new ApiError({
      code: 'INVALID_PARAMETER_VALUE',
      message: `"${file.name}" is not a .zip. In a browser a dataset is uploaded as a zip of its BIDS folder; the desktop app also takes the folder itself.`,
    });
  }
  return postUpload(file, 'application/zip');
}

/** A dataset chosen by path (a native dialog, or a dataset dropped elsewhere in the desktop app). */
export const uploadPath = (path: string): Promise<UploadRecord> => api.uploads.add({ path });
