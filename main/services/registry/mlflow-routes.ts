import { AppError } from '../../core/app-error';
import { sendMlflowError } from '../../mlflow/mlflow-errors';
import { readMlflowRequest } from '../../mlflow/mlflow-request';
import { MLFLOW_PREFIX } from '../../mlflow/tracking-route';
import { readJsonBody, sendJson } from '../../transport/http-io';
import type { HttpRoute } from '../../transport/http-route';
import type { RegistryEndpoint } from './mlflow-endpoint';
import { registeredModelEndpoints } from './mlflow-model-endpoints';
import { modelVersionEndpoints } from './mlflow-version-endpoints';
import type { RegistryService } from './registry-service';

export const registryEndpoints: readonly RegistryEndpoint[] = [...registeredModelEndpoints, ...modelVersionEndpoints];

/**
 * A request's fields. MLflow's Python client sends DELETE with a JSON body, and curl users
 * with a query string; both are read, the body winning.
 */
async function readRequest(req: Parameters<HttpRoute>[0], url: URL): Promise<Record<string, unknown>> {
  const fields = await readMlflowRequest(req, url);
  if (req.method !== 'DELETE') return fields;
  const body = await readJsonBody(req);
  return body && typeof body === 'object' && !Array.isArray(body) ? { ...fields, ...(body as Record<string, unknown>) } : fields;
}

/** MLflow's model registry REST API under /api/2.0/mlflow/ (registered-models/…, model-versions/…). */
export function mlflowRegistryRoute(registry: RegistryService): HttpRoute {
  const byPath = new Map<string, RegistryEndpoint[]>();
  for (const e of registryEndpoints) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  return async (req, res, url, caller) => {
    if (!url.pathname.startsWith(MLFLOW_PREFIX)) return false;
    const candidates = byPath.get(url.pathname.slice(MLFLOW_PREFIX.length).replace(/\/$/, ''));
    if (!candidates) return false;
    try {
      const found = candidates.find((e) => e.method === req.method);
      if (!found) {
        const allowed = candidates.map((e) => e.method).join(', ');
        res.setHeader('Allow', allowed);
        throw new AppError('BAD_REQUEST', `${candidates[0]!.path} answers ${allowed}, not ${req.method}.`);
      }
      sendJson(res, 200, await found.handle(await readRequest(req, url), registry, caller));
    } catch (error) {
      sendMlflowError(res, error);
    }
    return true;
  };
}
