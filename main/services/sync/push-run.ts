import { AppError } from '../../core/app-error';
import { SYSTEM_TAGS, type KeyValue, type Run } from '../tracking/types';
import { sha256 } from './local-runs';
import { chunked, filterString, SOURCE_RUN_TAG, type PushContext } from './push-context';
import { pushArtifacts } from './push-artifacts';
import { remoteExperimentId } from './push-experiment';
import { pushMetrics } from './push-metrics';

/** MLflow's log-batch limits for params and tags. */
const PARAMS_PER_BATCH = 100;
const TAGS_PER_BATCH = 100;

interface RemoteRun {
  run: { info: { run_id: string; artifact_uri: string } };
}

/** The remote run this sync created earlier for `runId` (found by its source tag), if any. */
async function findRemoteRun(ctx: PushContext, remoteExperiment: string, runId: string): Promise<RemoteRun['run'] | null> {
  const found = await ctx.client.call<{ runs?: Array<RemoteRun['run']> }>('POST', 'runs/search', {
    body: { experiment_ids: [remoteExperiment], filter: `tags.\`${SOURCE_RUN_TAG}\` = ${filterString(runId)}`, run_view_type: 'ACTIVE_ONLY', max_results: 1 },
    what: `looking for run ${runId} on the remote`,
  });
  return found.runs?.[0] ?? null;
}

/**
 * The remote id of a local run, creating the remote run if need be. runs/create is not
 * idempotent, so after a lost answer the remote is searched for the run's source tag
 * before any second create: an interrupted sync never leaves two copies of a run.
 */
async function ensureRemoteRun(ctx: PushContext, run: Run, remoteExperiment: string, parentTag: KeyValue[]): Promise<{ id: string; found: boolean }> {
  const runId = run.info.runId;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const existing = await findRemoteRun(ctx, remoteExperiment, runId);
      if (existing) {
        ctx.artifactUris.set(existing.info.run_id, existing.info.artifact_uri);
        ctx.store.updateRun(ctx.remotePk, runId, { remote_run_id: existing.info.run_id });
        return { id: existing.info.run_id, found: true };
      }
      const created = await ctx.client.call<RemoteRun>('POST', 'runs/create', {
        idempotent: false,
        what: `creating run ${runId}`,
        body: {
          experiment_id: remoteExperiment,
          user_id: run.info.userId,
          run_name: run.info.runName,
          start_time: run.info.startTime,
          tags: [{ key: SOURCE_RUN_TAG, value: runId }, ...parentTag],
        },
      });
      const remoteId = created.run.info.run_id;
      ctx.artifactUris.set(remoteId, created.run.info.artifact_uri);
      ctx.store.updateRun(ctx.remotePk, runId, { remote_run_id: remoteId });
      ctx.report.runs.created += 1;
      return { id: remoteId, found: false };
    } catch (error) {
      if (!ctx.client.mayRetry(error, attempt)) throw error;
      await ctx.client.pause(attempt);
    }
  }
}

/** The nested run's parent, as the remote knows it: the parent must have been pushed first. */
function parentTagFor(ctx: PushContext, run: Run): KeyValue[] {
  const parent = run.data.tags.find((t) => t.key === SYSTEM_TAGS.parentRunId)?.value;
  if (!parent) return [];
  const remoteParent = ctx.store.run(ctx.remotePk, parent)?.remote_run_id;
  if (!remoteParent) {
    throw new AppError('INVALID_STATE', `Run ${run.info.runId} is nested under run ${parent}, which has not reached the remote yet; it is pushed once its parent is.`);
  }
  return [{ key: SYSTEM_TAGS.parentRunId, value: remoteParent }];
}

async function logBatches(ctx: PushContext, remoteRunId: string, field: 'params' | 'tags', items: KeyValue[], size: number): Promise<void> {
  for (const batch of chunked(items, size)) {
    // Params never change once logged and tags are set, so resending a batch is harmless.
    await ctx.client.call('POST', 'runs/log-batch', { body: { run_id: remoteRunId, metrics: [], params: [], [field]: batch }, what: `logging ${field} of run ${remoteRunId}` });
  }
}

/**
 * Pushes one run: its remote copy (created once), params, tags, the metric points logged
 * since the last push, new or changed artifacts, then its status. Each step is recorded as
 * it lands, so an interrupted push resumes where it stopped.
 */
export async function pushRun(ctx: PushContext, runId: string, stamp: number): Promise<void> {
  const run = ctx.tracking.getRun(runId);
  const row = ctx.store.run(ctx.remotePk, runId);
  const parentTag = parentTagFor(ctx, run);
  const remoteExperiment = await remoteExperimentId(ctx, run.info.experimentId);
  // A remote run found by its tag rather than our own record may already hold points: count them first.
  const remote = row?.remote_run_id ? { id: row.remote_run_id, found: false } : await ensureRemoteRun(ctx, run, remoteExperiment, parentTag);
  const remoteRunId = remote.id;

  const params = [...run.data.params].sort((a, b) => a.key.localeCompare(b.key));
  const paramsHash = sha256(JSON.stringify(params));
  if (paramsHash !== row?.params_hash) {
    await logBatches(ctx, remoteRunId, 'params', params, PARAMS_PER_BATCH);
    ctx.store.updateRun(ctx.remotePk, runId, { params_hash: paramsHash });
    ctx.report.params += params.length;
  }

  const tags = [...run.data.tags.filter((t) => t.key !== SYSTEM_TAGS.parentRunId), ...parentTag, { key: SOURCE_RUN_TAG, value: runId }].sort((a, b) => a.key.localeCompare(b.key));
  const tagsHash = sha256(JSON.stringify(tags));
  if (tagsHash !== row?.tags_hash) {
    await logBatches(ctx, remoteRunId, 'tags', tags, TAGS_PER_BATCH);
    ctx.store.updateRun(ctx.remotePk, runId, { tags_hash: tagsHash });
    ctx.report.tags += tags.length;
  }

  await pushMetrics(ctx, runId, remoteRunId, row?.in_flight === 1 || remote.found);
  await pushArtifacts(ctx, runId, remoteRunId);

  const info = { status: run.info.status, end_time: run.info.endTime ?? undefined, run_name: run.info.runName };
  const infoHash = sha256(JSON.stringify(info));
  if (infoHash !== row?.info_hash) {
    await ctx.client.call('POST', 'runs/update', { body: { run_id: remoteRunId, ...info }, what: `updating run ${remoteRunId}` });
  }
  ctx.store.updateRun(ctx.remotePk, runId, { state: 'synced', pushed_stamp: stamp, info_hash: infoHash, in_flight: 0, error_code: null, error_message: null });
}
