import type { Db } from '../../db/database';
import type { RegistryService } from '../registry/registry-service';
import type { TrackingService } from '../tracking/tracking-service';
import { MlflowClient, type RetryPolicy } from './mlflow-client';
import type { PushReport, SyncFailure } from './push-context';
import { push, type PushScope } from './push';
import { pull, type PullResult } from './pull';
import { isRemoteError } from './remote-error';
import type { SecretBox } from './secret-box';
import { SyncSettingsStore, type SavedAuth, type SyncSettings } from './sync-settings';
import { countStates, modelStatuses, runOverview, runStatuses, type ItemStatus } from './sync-status';
import { SyncStore } from './sync-store';

export interface SyncDeps {
  db: Db;
  tracking: TrackingService;
  registry: RegistryService;
  secrets?: SecretBox;
  env?: NodeJS.ProcessEnv;
  retry?: RetryPolicy;
}

export interface SyncOverview {
  remote: string | null;
  lastPushTime: number | null;
  lastError: string | null;
  runs: { synced: number; pending: number; failed: number };
  models: { synced: number; pending: number; failed: number };
  failures: SyncFailure[];
  auto: { minutes: number | null; running: boolean };
}

export interface ConnectionCheck {
  remote: string;
  reachable: boolean;
  authenticated: boolean;
  code: string | null;
  message: string;
}

const MAX_LISTED_FAILURES = 100;

/**
 * Sync with a remote MLflow server, for the app API, the CLI and the automatic mode.
 * Pushes are serialized: a manual push while an automatic one runs waits for it.
 */
export class SyncService {
  readonly store: SyncStore;
  readonly settings: SyncSettingsStore;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private lastAuto = 0;
  private autoRunning = false;

  constructor(private readonly deps: SyncDeps) {
    this.store = new SyncStore(deps.db);
    this.settings = new SyncSettingsStore(this.store, deps.secrets, deps.env ?? process.env);
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  push(input: { remote?: string; scope: PushScope; progress?: (message: string) => void }): Promise<PushReport> {
    const uri = this.settings.remote(input.remote);
    return this.serialized(() => push({ ...this.deps, store: this.store }, { uri, auth: this.settings.auth(uri), scope: input.scope, retry: this.deps.retry, progress: input.progress }));
  }

  pull(input: { remote?: string; ref: string }): Promise<PullResult> {
    const uri = this.settings.remote(input.remote);
    return this.serialized(() => pull({ ...this.deps, store: this.store }, { uri, auth: this.settings.auth(uri), ref: input.ref, retry: this.deps.retry }));
  }

  readSettings(): SyncSettings {
    return this.settings.read();
  }

  saveSettings(input: { remoteUri: string | null; auth?: SavedAuth; autoMinutes: number | null }): SyncSettings {
    return this.settings.save(input);
  }

  async testConnection(remote?: string): Promise<ConnectionCheck> {
    const uri = this.settings.remote(remote);
    const client = new MlflowClient({ uri, auth: this.settings.auth(uri), retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, timeoutMs: 15_000 });
    try {
      await client.call('GET', 'experiments/search', { query: { max_results: 1 }, what: 'listing experiments' });
      return { remote: uri, reachable: true, authenticated: true, code: null, message: `Connected to ${uri}: it answers MLflow's tracking API and accepts the credentials.` };
    } catch (error) {
      if (!isRemoteError(error)) throw error;
      const reachable = error.code !== 'REMOTE_UNREACHABLE';
      return { remote: uri, reachable, authenticated: reachable && error.code !== 'UNAUTHENTICATED', code: error.code, message: error.message };
    }
  }

  private remotePkFor(remote?: string): { uri: string | null; pk: number | null } {
    let uri: string | null;
    try {
      uri = this.settings.remote(remote);
    } catch {
      uri = this.store.remotes()[0]?.uri ?? null;
    }
    return { uri, pk: uri === null ? null : this.store.findRemotePk(uri) };
  }

  overview(remote?: string): SyncOverview {
    const { uri, pk } = this.remotePkFor(remote);
    const runs = runOverview(this.deps.db, pk, MAX_LISTED_FAILURES);
    const modelNames = this.deps.registry.searchModels({ maxResults: 1000 }).items.map((m) => m.name);
    const models = modelStatuses(this.deps.registry, this.store, pk, modelNames);
    const failures: SyncFailure[] = runs.failures.map((f) => ({ kind: 'run', id: f.runId, code: f.code ?? '', message: f.reason ?? '' }));
    for (const [id, s] of models) if (s.state === 'failed' && failures.length < MAX_LISTED_FAILURES) failures.push({ kind: 'model', id, code: s.code ?? '', message: s.reason ?? '' });
    const remoteRow = this.store.remotes().find((r) => r.uri === uri);
    return {
      remote: uri,
      lastPushTime: remoteRow?.last_push_time ?? null,
      lastError: remoteRow?.last_error ?? null,
      runs: runs.counts,
      models: countStates(models.values()),
      failures,
      auto: { minutes: this.settings.read().autoMinutes, running: this.timer !== null },
    };
  }

  itemStatus(input: { runIds: string[]; models: string[] }): { remote: string | null; runs: Array<ItemStatus & { runId: string }>; models: Array<ItemStatus & { name: string }> } {
    const { uri, pk } = this.remotePkFor();
    return {
      remote: uri,
      runs: [...runStatuses(this.deps.db, this.store, pk, input.runIds)].map(([runId, s]) => ({ runId, ...s })),
      models: [...modelStatuses(this.deps.registry, this.store, pk, input.models)].map(([name, s]) => ({ name, ...s })),
    };
  }

  /**
   * Automatic mode: every minute, if the interval set in Settings has passed, push
   * everything to the saved remote. While the remote is unreachable nothing is lost:
   * what is new stays pending (queued) and goes with the next push that gets through.
   */
  startAuto(checkEveryMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.autoTick(), checkEveryMs);
    this.timer.unref();
  }

  async autoTick(now = Date.now()): Promise<PushReport | null> {
    const { autoMinutes, remoteUri } = this.settings.read();
    if (!autoMinutes || !remoteUri || this.autoRunning || now - this.lastAuto < autoMinutes * 60_000) return null;
    this.autoRunning = true;
    this.lastAuto = now;
    try {
      return await this.push({ scope: { kind: 'all' } });
    } catch (error) {
      console.error('sync: automatic push failed:', error instanceof Error ? error.message : error);
      return null;
    } finally {
      this.autoRunning = false;
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
