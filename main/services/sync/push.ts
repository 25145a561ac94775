import { AppError } from '../../core/app-error';
import { toErrorBody } from '../../core/error-body';
import type { Db } from '../../db/database';
import type { RegistryService } from '../registry/registry-service';
import type { TrackingService } from '../tracking/tracking-service';
import { activeRunIds, runStamps, withAncestors } from './local-runs';
import { MlflowClient, type RetryPolicy } from './mlflow-client';
import { emptyReport, type PushContext, type PushReport } from './push-context';
import { modelFingerprint, pushModel } from './push-model';
import { pushRun } from './push-run';
import type { RemoteAuth } from './remote-auth';
import { isRemoteError } from './remote-error';
import type { SyncStore } from './sync-store';

export type PushScope = { kind: 'all' } | { kind: 'experiment'; name: string } | { kind: 'runs'; runIds: string[] } | { kind: 'model'; name: string };

export interface PushDeps {
  db: Db;
  tracking: TrackingService;
  registry: RegistryService;
  store: SyncStore;
}

export interface PushOptions {
  uri: string;
  auth: RemoteAuth;
  scope: PushScope;
  retry?: RetryPolicy;
  progress?: (message: string) => void;
}

function describeScope(scope: PushScope): string {
  if (scope.kind === 'all') return 'everything';
  if (scope.kind === 'experiment') return `experiment "${scope.name}"`;
  if (scope.kind === 'model') return `model "${scope.name}"`;
  return `${scope.runIds.length} run(s)`;
}

function allModelNames(registry: RegistryService): string[] {
  const names: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = registry.searchModels({ maxResults: 1000, pageToken });
    names.push(...page.items.map((m) => m.name));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return names;
}

/** The runs and models a scope covers. A model brings the runs its versions come from; a nested run brings its ancestors. */
function selection(deps: PushDeps, scope: PushScope): { runIds: string[]; models: string[] } {
  if (scope.kind === 'all') return { runIds: activeRunIds(deps.db), models: allModelNames(deps.registry) };
  if (scope.kind === 'experiment') return { runIds: activeRunIds(deps.db, deps.tracking.getExperimentByName(scope.name).experimentId), models: [] };
  if (scope.kind === 'runs') {
    for (const runId of scope.runIds) deps.tracking.getRun(runId);
    return { runIds: scope.runIds, models: [] };
  }
  deps.registry.getModel(scope.name);
  const runIds = deps.registry.listVersions(scope.name).flatMap((v) => (v.runId && v.artifactPath !== null ? [v.runId] : []));
  return { runIds, models: [scope.name] };
}

/** Records an item's failure and says whether the whole sync must stop (unreachable, credentials refused). */
function failed(ctx: PushContext, kind: 'run' | 'model', id: string, error: unknown): boolean {
  const body = toErrorBody(error);
  if (isRemoteError(error) && error.fatal) {
    ctx.report.stoppedBy = body;
    return true;
  }
  if (body.code === 'INTERNAL_ERROR') console.error(`sync: pushing ${kind} ${id} failed:`, error);
  ctx.report.failures.push({ kind, id, code: body.code, message: body.message });
  if (kind === 'run') {
    ctx.report.runs.failed += 1;
    ctx.store.updateRun(ctx.remotePk, id, { state: 'failed', error_code: body.code, error_message: body.message });
  } else {
    ctx.report.models.failed += 1;
    ctx.store.setModel(ctx.remotePk, id, 'failed', null, body);
  }
  return false;
}

/**
 * One push to a remote MLflow server: the runs of the scope (parents first), then its
 * models. What is unchanged since the last push costs no request; an item the remote
 * refuses (4xx) is marked failed with MLflow's message and the rest goes on; an
 * unreachable remote or refused credentials stop the push, leaving the rest pending.
 */
export async function push(deps: PushDeps, options: PushOptions): Promise<PushReport> {
  const started = Date.now();
  const report = emptyReport(options.uri, describeScope(options.scope));
  const { runIds, models } = selection(deps, options.scope);
  const remotePk = deps.store.remotePk(options.uri);
  const ctx: PushContext = {
    ...deps,
    client: new MlflowClient({ uri: options.uri, auth: options.auth, retry: options.retry }),
    remotePk,
    installationId: deps.store.installationId(),
    report,
    progress: options.progress ?? (() => {}),
    artifactUris: new Map(),
  };
  const ordered = withAncestors(deps.db, runIds);
  // Read before anything is pushed: an edit made during the push leaves the run pending.
  const stamps = runStamps(deps.db, ordered);
  let stopped = false;
  try {
    // One cheap request first, even with nothing new: a wrong address or refused
    // credentials must say so, not report an empty success.
    await ctx.client.call('GET', 'experiments/search', { query: { max_results: 1 }, what: 'checking the connection' });
  } catch (error) {
    if (!isRemoteError(error) || !error.fatal) throw error;
    report.stoppedBy = toErrorBody(error);
    stopped = true;
  }
  for (const [index, runId] of stopped ? [] : ordered.entries()) {
    const stamp = stamps.get(runId)!;
    const row = deps.store.run(remotePk, runId);
    if (row?.state === 'synced' && row.pushed_stamp === stamp) {
      report.runs.unchanged += 1;
      continue;
    }
    ctx.progress(`run ${index + 1}/${ordered.length}: ${runId}`);
    try {
      await pushRun(ctx, runId, stamp);
      report.runs.pushed += 1;
    } catch (error) {
      if (failed(ctx, 'run', runId, error)) {
        stopped = true;
        break;
      }
    }
  }
  for (const name of stopped ? [] : models) {
    const fingerprint = modelFingerprint(ctx, name);
    const row = deps.store.model(remotePk, name);
    if (row?.state === 'synced' && row.fingerprint === fingerprint) {
      report.models.unchanged += 1;
      continue;
    }
    ctx.progress(`model ${name}`);
    try {
      await pushModel(ctx, name, fingerprint);
      report.models.pushed += 1;
    } catch (error) {
      if (failed(ctx, 'model', name, error)) break;
    }
  }
  report.ok = report.failures.length === 0 && report.stoppedBy === null;
  report.durationMs = Date.now() - started;
  deps.store.finishPush(remotePk, report.stoppedBy?.message ?? (report.failures.length ? `${report.failures.length} item(s) failed` : null));
  return report;
}

export function scopeOf(input: { experiment?: string; runIds?: string[]; model?: string }): PushScope {
  const given = [input.experiment !== undefined, (input.runIds?.length ?? 0) > 0, input.model !== undefined].filter(Boolean).length;
  if (given > 1) throw new AppError('INVALID_PARAMETER_VALUE', 'Choose one scope: an experiment, a set of runs, or a model (or none, for everything).');
  if (input.experiment !== undefined) return { kind: 'experiment', name: input.experiment };
  if (input.runIds?.length) return { kind: 'runs', runIds: input.runIds };
  if (input.model !== undefined) return { kind: 'model', name: input.model };
  return { kind: 'all' };
}
