import type { Db } from '../../db/database';
import type { RegistryService } from '../registry/registry-service';
import type { TrackingService } from '../tracking/tracking-service';
import type { MlflowClient } from './mlflow-client';
import type { SyncStore } from './sync-store';

/** Tags sync puts on what it creates remotely, so a resumed sync finds its own runs and versions again. */
export const SOURCE_RUN_TAG = 'neuroops.sync.source_run_id';
export const SOURCE_VERSION_TAG = 'neuroops.sync.source_version';
/** sha256 of model.onnx, and of every file of the model directory (JSON), for pulls to check. */
export const MODEL_SHA_TAG = 'neuroops.model_sha256';
export const FILES_SHA_TAG = 'neuroops.files_sha256';

export interface SyncFailure {
  kind: 'experiment' | 'run' | 'model';
  id: string;
  code: string;
  message: string;
}

/** What one push did, counted as it went. */
export interface PushReport {
  remote: string;
  scope: string;
  ok: boolean;
  experiments: { created: number; matched: number };
  runs: { pushed: number; unchanged: number; failed: number; created: number };
  params: number;
  tags: number;
  metricPoints: number;
  artifacts: { uploaded: number; bytes: number };
  models: { pushed: number; unchanged: number; failed: number };
  versions: { created: number };
  aliases: number;
  stages: number;
  failures: SyncFailure[];
  /** Why the sync stopped early (remote unreachable, credentials refused); what was left stays pending. */
  stoppedBy: { code: string; message: string } | null;
  durationMs: number;
}

export function emptyReport(remote: string, scope: string): PushReport {
  return {
    remote,
    scope,
    ok: true,
    experiments: { created: 0, matched: 0 },
    runs: { pushed: 0, unchanged: 0, failed: 0, created: 0 },
    params: 0,
    tags: 0,
    metricPoints: 0,
    artifacts: { uploaded: 0, bytes: 0 },
    models: { pushed: 0, unchanged: 0, failed: 0 },
    versions: { created: 0 },
    aliases: 0,
    stages: 0,
    failures: [],
    stoppedBy: null,
    durationMs: 0,
  };
}

export interface PushContext {
  db: Db;
  tracking: TrackingService;
  registry: RegistryService;
  client: MlflowClient;
  store: SyncStore;
  remotePk: number;
  installationId: string;
  report: PushReport;
  progress: (message: string) => void;
  /** Remote run id → its artifact URI, read once per run. */
  artifactUris: Map<string, string>;
}

/** Splits a list into chunks of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A string literal for MLflow's filter grammar. */
export function filterString(value: string): string {
  return value.includes("'") ? `"${value.replace(/"/g, '\\"')}"` : `'${value}'`;
}
