import type { HttpRoute } from '../transport/http-route';
import { sendJson } from '../transport/http-io';
import type { TrackingService } from '../services/tracking/tracking-service';
import { AppError } from '../core/app-error';
import type { MlflowEndpoint } from './endpoint';
import { experimentEndpoints } from './experiment-endpoints';
import { loggingEndpoints } from './logging-endpoints';
import { sendMlflowError } from './mlflow-errors';
import { readMlflowRequest } from './mlflow-request';
import { runEndpoints } from './run-endpoints';

export const MLFLOW_PREFIX = '/api/2.0/mlflow/';

export const trackingEndpoints: readonly MlflowEndpoint[] = [...experimentEndpoints, ...runEndpoints, ...loggingEndpoints];

/**
 * MLflow's tracking REST API under /api/2.0/mlflow/. Paths it does not know (the model
 * registry's, say) are passed on to the next route rather than answered here.
 */
export function mlflowTrackingRoute(tracking: TrackingService): HttpRoute {
  const byPath = new Map(trackingEndpoints.map((e) => [e.path, e]));
  return async (req, res, url, caller) => {
    if (!url.pathname.startsWith(MLFLOW_PREFIX)) return false;
    const found = byPath.get(url.pathname.slice(MLFLOW_PREFIX.length).replace(/\/$/, ''));
    if (!found) return false;
    try {
      if (!found.methods.includes(req.method as 'GET' | 'POST')) {
        res.setHeader('Allow', found.methods.join(', '));
        throw new AppError('BAD_REQUEST', `${found.path} answers ${found.methods.join(' or ')}, not ${req.method}.`);
      }
      const body = await found.handle(await readMlflowRequest(req, url), tracking, caller);
      sendJson(res, 200, body);
    } catch (error) {
      sendMlflowError(res, error);
    }
    return true;
  };
}
