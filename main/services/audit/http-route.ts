import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AUDIT_EXPORT_PATH } from '../../contract/audit';
import { AppError } from '../../core/app-error';
import { toErrorBody } from '../../core/error-body';
import type { HttpRoute } from '../../transport/http-route';
import { sendError } from '../../transport/http-io';
import type { AuditChain } from './audit-chain';
import { auditExportLines } from './audit-export';

/** GET /api/audit/export.csv: the whole audit chain, oldest first, streamed as `neuroops audit export` writes it. */
export function auditExportRoute(chain: AuditChain): HttpRoute {
  return async (req, res, url) => {
    if (url.pathname !== AUDIT_EXPORT_PATH) return false;
    if (req.method !== 'GET') {
      sendError(res, toErrorBody(new AppError('BAD_REQUEST', `${AUDIT_EXPORT_PATH} answers GET only.`)));
      return true;
    }
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="audit.csv"',
      'Cache-Control': 'no-store',
    });
    // Once the header is out an error can only cut the download short, which the client sees.
    await pipeline(Readable.from(auditExportLines(chain, 'csv')), res).catch((error: unknown) => {
      console.error('audit export failed:', error);
      res.destroy();
    });
    return true;
  };
}
