import { PREDICTIONS_EXPORT_PATH } from '../../contract/predictions';
import { AppError } from '../../core/app-error';
import { toErrorBody } from '../../core/error-body';
import type { HttpRoute } from '../../transport/http-route';
import { sendError } from '../../transport/http-io';
import type { PredictionService } from './predictions-service';

function timeParam(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null || text === '') return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) throw new AppError('INVALID_PARAMETER_VALUE', `${name} must be a time (epoch milliseconds or an ISO date), not "${text}".`);
  return value;
}

/**
 * GET /api/predictions/export.csv?job=ID: one job's results; without `job`, the
 * history, narrowed like predictions.list by model, label, from and to.
 */
export function predictionsExportRoute(service: PredictionService): HttpRoute {
  return async (req, res, url) => {
    if (url.pathname !== PREDICTIONS_EXPORT_PATH) return false;
    try {
      if (req.method !== 'GET') throw new AppError('BAD_REQUEST', `${PREDICTIONS_EXPORT_PATH} answers GET only.`);
      const job = url.searchParams.get('job') ?? undefined;
      const csv = service.exportCsv({
        job,
        model: url.searchParams.get('model') ?? undefined,
        label: url.searchParams.get('label') ?? undefined,
        from: timeParam(url, 'from'),
        to: timeParam(url, 'to'),
      });
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${job ? `prediction-${job}` : 'predictions'}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.end(csv);
    } catch (error) {
      sendError(res, toErrorBody(error));
    }
    return true;
  };
}
