import type { Db } from '../../db/database';
import type { EventBus } from '../../core/event-bus';
import type { HttpRoute } from '../../transport/http-route';
import { createBundleService, type BundleService } from '../bundles/bundle-service';
import { bundleHandlers } from '../bundles/handlers';
import { bundleRoutes } from '../bundles/http-routes';
import type { TrackingService } from '../tracking/tracking-service';
import { createRegistryService } from './create-registry-service';
import { registryHandlers } from './handlers';
import { mlflowRegistryRoute } from './mlflow-routes';
import type { RegistryService } from './registry-service';

export interface RegistryFeature {
  registry: RegistryService;
  bundles: BundleService;
  handlers: ReturnType<typeof registryHandlers> & ReturnType<typeof bundleHandlers>;
  httpRoutes: HttpRoute[];
}

/** The registry and bundles, wired for the core: services, app API handlers, MLflow REST and bundle routes. */
export function createRegistryFeature(deps: { db: Db; tracking: TrackingService; events: EventBus; uploadsDir: string; appVersion: string }): RegistryFeature {
  const registry = createRegistryService({ db: deps.db, runs: deps.tracking, onChange: (name) => deps.events.emit('registry.changed', { name }) });
  const bundles = createBundleService({ registry, tracking: deps.tracking, workDir: deps.uploadsDir, appVersion: deps.appVersion });
  return {
    registry,
    bundles,
    handlers: { ...registryHandlers(registry), ...bundleHandlers(bundles, deps.uploadsDir) },
    httpRoutes: [mlflowRegistryRoute(registry), bundleRoutes(bundles, deps.uploadsDir)],
  };
}
