import { closeDatabase, openDatabase, type Db } from '../db/database';
import { Dispatcher, type Handlers } from '../core/dispatcher';
import { EventBus } from '../core/event-bus';
import type { HttpRoute } from '../transport/http-route';
import { datasetHandlers } from '../services/datasets/handlers';
import { systemHandlers } from '../services/system/handlers';
import { createExecutor } from '../services/executor/create-executor';
import type { Executor } from '../services/executor/executor';
import { resolveExecutorSettings, type ExecutorOverrides } from '../services/executor/executor-settings';
import { executorHandlers } from '../services/executor/handlers';
import { createTrackingService } from '../services/tracking/create-tracking-service';
import { trackingHandlers } from '../services/tracking/handlers';
import type { TrackingService } from '../services/tracking/tracking-service';
import { mlflowArtifactRoute } from '../mlflow/artifact-route';
import { mlflowNotFoundRoute } from '../mlflow/not-found-route';
import { mlflowTrackingRoute } from '../mlflow/tracking-route';
import { createRegistryFeature } from '../services/registry/registry-feature';
import type { RegistryService } from '../services/registry/registry-service';
import type { BundleService } from '../services/bundles/bundle-service';
import { syncHandlers } from '../services/sync/handlers';
import { AuditChain } from '../services/audit/audit-chain';
import { auditHandlers } from '../services/audit/handlers';
import { auditExportRoute } from '../services/audit/http-route';
import { SyncService } from '../services/sync/sync-service';
import { createTrainingService, type TrainingService } from '../services/training/training-service';
import { trainingHandlers } from '../services/training/handlers';
import { predictionHandlers } from '../services/predictions/handlers';
import { predictionsExportRoute } from '../services/predictions/http-route';
import { PredictionService } from '../services/predictions/predictions-service';
import { uploadHandlers } from '../services/uploads/handlers';
import { uploadRoute } from '../services/uploads/http-route';
import { UploadStore } from '../services/uploads/upload-store';
import { dataPaths, ensureDataDir } from './data-dir';
import { acquireDataDirLock } from './data-dir-lock';
import { removeOwnScratch, sweepLeftovers } from './leftovers';
import { headlessHost, type HostCapabilities } from './host';
import { APP_VERSION } from './version';

export interface CoreOptions {
  dataDir: string;
  host?: HostCapabilities;
  /** better-sqlite3 addon built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** Hosts (app, server) own the data folder exclusively; one-shot CLI commands do not. */
  exclusive?: boolean;
  /** Executor settings given explicitly (serve's flags); they win over NEUROOPS_WORKERS / NEUROOPS_TAG_LIMITS. */
  executor?: ExecutorOverrides;
}

export interface CoreServices {
  tracking: TrackingService;
  executor: Executor;
  registry: RegistryService;
  bundles: BundleService;
  sync: SyncService;
  training: TrainingService;
  predictions: PredictionService;
}

export interface Core {
  dataDir: string;
  db: Db;
  dispatcher: Dispatcher;
  events: EventBus;
  /** Feature endpoints served beside the app API by the HTTP transport (e.g. MLflow REST). */
  httpRoutes: HttpRoute[];
  /** The services, for in-process callers (other services, the CLI, tests). */
  services: CoreServices;
  close(): Promise<void>;
}

/**
 * The composition root: opens the data folder and wires every service to the one
 * dispatcher. Electron's shell, `neuroops serve` and the CLI all start here.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const paths = dataPaths(options.dataDir);
  const host = options.host ?? headlessHost;
  ensureDataDir(options.dataDir);
  // Lock before opening: a second host must not even run migrations under the first.
  const releaseLock = options.exclusive ? acquireDataDirLock(paths.lock) : () => {};
  // The host cleans what killed processes left (uploads, unpacked zips); a one-shot command does not wait for that.
  if (options.exclusive) sweepLeftovers(options.dataDir);
  let db: Db;
  try {
    ({ db } = openDatabase(paths.database, { nativeBinding: options.nativeBinding, backupDir: paths.backups }));
  } catch (error) {
    releaseLock();
    throw error;
  }
  const events = new EventBus();
  const tracking = createTrackingService({
    db,
    artifactsDir: paths.artifacts,
    onChange: (change) => events.emit('tracking.changed', change),
  });
  const executorSettings = resolveExecutorSettings(options.executor);
  const executor = createExecutor({ db, tracking, events }, executorSettings);
  // Runs left unfinished by a process that died are marked Crashed before anything new starts.
  await executor.recoverCrashedRuns().catch((error: unknown) => console.error('executor: crash recovery failed:', error));
  const registry = createRegistryFeature({ db, tracking, events, uploadsDir: paths.uploads, appVersion: APP_VERSION });
  const sync = new SyncService({ db, tracking, registry: registry.registry, secrets: host.secrets });
  // Only a host (the app, serve) pushes in the background; a one-shot command does what it was asked.
  if (options.exclusive) sync.startAuto();
  const uploads = new UploadStore(paths.uploads);
  const training = createTrainingService({ dataDir: options.dataDir, executor, registry: registry.registry, uploads });
  const audit = new AuditChain(db, APP_VERSION);
  const predictions = new PredictionService({ db, executor, registry: registry.registry, tracking, uploads, audit, events });
  // After crash recovery: jobs whose flow a stopped process left are ended.
  predictions.reconcile();
  const handlers: Handlers = {
    ...systemHandlers({ db, dataDir: options.dataDir, host }),
    ...trackingHandlers(tracking),
    ...executorHandlers(executor, executorSettings.sources),
    ...registry.handlers,
    ...datasetHandlers(),
    ...syncHandlers(sync),
    ...auditHandlers(audit),
    ...trainingHandlers(training),
    ...uploadHandlers(uploads),
    ...predictionHandlers(predictions),
  };
  const dispatcher = new Dispatcher(handlers);
  let closed = false;
  return {
    dataDir: options.dataDir,
    db,
    dispatcher,
    events,
    httpRoutes: [mlflowTrackingRoute(tracking), mlflowArtifactRoute(tracking), ...registry.httpRoutes, uploadRoute(uploads, paths.uploads), auditExportRoute(audit), predictionsExportRoute(predictions), mlflowNotFoundRoute],
    services: { tracking, executor, registry: registry.registry, bundles: registry.bundles, sync, training, predictions },
    async close() {
      if (closed) return;
      closed = true;
      sync.close();
      // Jobs whose flow is cancelled below still end (as cancelled) before the database closes.
      const finishing = predictions.close();
      // Running flows are cancelled and the workers stopped while the database is still open.
      await executor.close();
      await finishing;
      // Acknowledge nothing that is not on disk: commit what is queued before closing.
      tracking.flush();
      closeDatabase(db);
      if (options.exclusive) removeOwnScratch(options.dataDir);
      releaseLock();
    },
  };
}
