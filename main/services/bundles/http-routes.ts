import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../core/app-error';
import { toErrorBody } from '../../core/error-body';
import type { HttpRoute } from '../../transport/http-route';
import { sendError, sendJson } from '../../transport/http-io';
import type { BundleService } from './bundle-service';
import { bundleScratchPath } from './scratch-name';
import { asUserFile } from './as-user-file';

/** A browser has no file paths to give: it downloads exports and uploads imports over these two routes. */
export const BUNDLE_EXPORT_PATH = '/api/bundles/export';
export const BUNDLE_IMPORT_PATH = '/api/bundles/import';
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

function versionParam(url: URL): { name: string; version: number } {
  const name = url.searchParams.get('name') ?? '';
  const version = Number(url.searchParams.get('version'));
  if (!name || !Number.isInteger(version) || version < 1) throw new AppError('INVALID_PARAMETER_VALUE', 'Name the bundle to export: ?name=MODEL&version=N.');
  return { name, version };
}

/** Streams the request body to `file`, refusing it past the limit instead of filling the disk. */
async function receive(req: Parameters<HttpRoute>[0], file: string): Promise<void> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > MAX_UPLOAD_BYTES ? new AppError('INVALID_PARAMETER_VALUE', 'The upload is larger than 2 GiB; a model bundle never is.') : null, chunk);
    },
  });
  await pipeline(req, limit, fs.createWriteStream(file));
}

export function bundleRoutes(bundles: BundleService, uploadsDir: string): HttpRoute {
  return async (req, res, url) => {
    if (url.pathname !== BUNDLE_EXPORT_PATH && url.pathname !== BUNDLE_IMPORT_PATH) return false;
    fs.mkdirSync(uploadsDir, { recursive: true });
    const scratch = bundleScratchPath(uploadsDir, '.zip');
    try {
      if (url.pathname === BUNDLE_EXPORT_PATH && req.method === 'GET') {
        const { name, version } = versionParam(url);
        const exported = bundles.exportBundle(name, version, scratch);
        const fileName = `${name}-v${version}.zip`.replace(/[^\w.-]+/g, '_');
        res.writeHead(200, {
          'Content-Type': 'application/zip',
          'Content-Length': exported.bytes,
          'Content-Disposition': `attachment; filename="${fileName}"`,
          'Cache-Control': 'no-store',
        });
        await pipeline(fs.createReadStream(scratch), res);
      } else if (url.pathname === BUNDLE_IMPORT_PATH && req.method === 'POST') {
        // Not a "simple" content type: a cross-site page cannot post here without a preflight we never approve.
        if (req.headers['content-type'] !== 'application/zip') throw new AppError('BAD_REQUEST', 'Send the bundle as the request body with Content-Type: application/zip.');
        await receive(req, scratch);
        // ?fileName= is the name of the user's file, for the messages of a refusal.
        const imported = await asUserFile(scratch, url.searchParams.get('fileName') ?? undefined, () => bundles.importBundle(scratch, { name: url.searchParams.get('name') || undefined }));
        sendJson(res, 200, imported);
      } else {
        throw new AppError('BAD_REQUEST', `Use GET ${BUNDLE_EXPORT_PATH}?name=&version= or POST ${BUNDLE_IMPORT_PATH} with a zip body.`);
      }
    } catch (error) {
      const body = toErrorBody(error);
      if (body.code === 'INTERNAL_ERROR') console.error('bundle request failed:', error);
      if (res.headersSent) res.destroy();
      else sendError(res, body);
    } finally {
      fs.rmSync(scratch, { force: true });
    }
    return true;
  };
}
