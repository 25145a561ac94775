import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UPLOAD_HTTP_PATH } from '../../contract/uploads';
import { AppError } from '../../core/app-error';
import { toErrorBody } from '../../core/error-body';
import type { HttpRoute } from '../../transport/http-route';
import { sendError, sendJson } from '../../transport/http-io';
import { bundleScratchPath } from '../bundles/scratch-name';
import type { UploadStore } from './upload-store';

const MAX_UPLOAD_BYTES = 20 * 1024 ** 3;

/**
 * Streams the body to `file` (never held in memory) and checks it is all there: a body
 * shorter than its Content-Length is an upload cut off midway, refused, never kept.
 */
async function receive(req: Parameters<HttpRoute>[0], file: string): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (!Number.isSafeInteger(declared) || declared <= 0) throw new AppError('BAD_REQUEST', 'Send the zip with its Content-Length, so a cut-off upload can be told from a complete one.');
  if (declared > MAX_UPLOAD_BYTES) throw new AppError('INVALID_PARAMETER_VALUE', 'The upload is larger than 20 GiB; give such a dataset as a folder to the desktop app or the CLI.');
  let received = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(null, chunk);
    },
  });
  const cutOff = () => new AppError('UPLOAD_INCOMPLETE', `The upload was cut off after ${received} of ${declared} bytes; nothing was kept. Send the zip again.`);
  await pipeline(req, count, fs.createWriteStream(file)).catch(() => {
    throw cutOff();
  });
  if (received !== declared || !req.complete) throw cutOff();
}

/** Headless mode's way in for a BIDS zip (POST /api/uploads?fileName=NAME.zip, the zip as the body) or a feature table (?fileName=NAME.csv, text/csv). */
export function uploadRoute(store: UploadStore, uploadsDir: string): HttpRoute {
  return async (req, res, url) => {
    if (url.pathname !== UPLOAD_HTTP_PATH) return false;
    fs.mkdirSync(uploadsDir, { recursive: true });
    const csv = req.headers['content-type'] === 'text/csv';
    const scratch = bundleScratchPath(uploadsDir, csv ? '.csv' : '.zip');
    try {
      if (req.method !== 'POST') throw new AppError('BAD_REQUEST', `Use POST ${UPLOAD_HTTP_PATH}?fileName=NAME.zip with the zip as the body.`);
      // Neither is a "simple" content type: a cross-site page cannot post here without a preflight we never approve.
      if (req.headers['content-type'] !== 'application/zip' && !csv) {
        throw new AppError('BAD_REQUEST', 'Send the dataset as the request body with Content-Type: application/zip, or a feature table with Content-Type: text/csv.');
      }
      const fileName = url.searchParams.get('fileName') ?? undefined;
      const name = fileName ? fileName.replaceAll('\\', '/').split('/').pop() : undefined;
      if (csv && !/\.csv$/i.test(name ?? '')) throw new AppError('BAD_REQUEST', `Name the feature table: POST ${UPLOAD_HTTP_PATH}?fileName=NAME.csv.`);
      await receive(req, scratch);
      sendJson(res, 200, await store.add(scratch, { name: name || 'upload.zip' }));
    } catch (error) {
      const body = toErrorBody(error);
      if (body.code === 'INTERNAL_ERROR') console.error('dataset upload failed:', error);
      if (res.headersSent) res.destroy();
      else sendError(res, body);
    } finally {
      fs.rmSync(scratch, { force: true });
    }
    return true;
  };
}
