import { AppError } from '../core/app-error';
import type { HttpRoute } from '../transport/http-route';
import { sendMlflowError } from './mlflow-errors';

/**
 * Answers any MLflow path no route took with MLflow's own 404 body
 * (`{"error_code": "ENDPOINT_NOT_FOUND", …}`), which MLflow clients parse. It must be the
 * last route: every MLflow route (tracking, artifacts, registry) comes before it.
 */
export const mlflowNotFoundRoute: HttpRoute = async (req, res, url) => {
  if (!url.pathname.startsWith('/api/2.0/mlflow/') && !url.pathname.startsWith('/api/2.0/mlflow-artifacts/')) return false;
  sendMlflowError(res, new AppError('ENDPOINT_NOT_FOUND', `No MLflow endpoint at ${req.method} ${url.pathname}; NeuroOps serves MLflow 2.x's tracking, artifact and model registry endpoints.`));
  return true;
};
