import { AppError } from '../../core/app-error';
import type { ModelVersion } from '../registry/types';
import { runArtifacts, sha256 } from './local-runs';
import { remoteArtifactRoot } from './push-artifacts';
import { FILES_SHA_TAG, filterString, MODEL_SHA_TAG, SOURCE_VERSION_TAG, type PushContext } from './push-context';
import { isRemoteError } from './remote-error';

/** MLflow's limit on a tag value. */
const TAG_VALUE_LIMIT = 5000;

interface RemoteVersion {
  version: string;
  current_stage?: string;
  tags?: Array<{ key: string; value: string }>;
}

/** A digest of what sync pushes of a model: description, tags, and each version's stage, tags and aliases. */
export function modelFingerprint(ctx: Pick<PushContext, 'registry'>, name: string): string {
  const model = ctx.registry.getModel(name);
  const versions = ctx.registry.listVersions(name).map((v) => [v.version, v.currentStage, v.description, v.tags, v.source]);
  return sha256(JSON.stringify([model.description, model.tags, model.aliases, versions]));
}

/** The files of the version's model directory and their sha256, as a tag pulls check against (left out if too long for a tag). */
function fileHashesTag(ctx: PushContext, version: ModelVersion): Array<{ key: string; value: string }> {
  const tags: Array<{ key: string; value: string }> = [];
  if (version.modelSha256) tags.push({ key: MODEL_SHA_TAG, value: version.modelSha256 });
  if (version.runId && version.artifactPath !== null) {
    const prefix = version.artifactPath ? `${version.artifactPath}/` : '';
    const files = Object.fromEntries(runArtifacts(ctx.db, version.runId).filter((a) => a.path.startsWith(prefix)).map((a) => [a.path.slice(prefix.length), a.sha256]));
    const value = JSON.stringify(files);
    if (value.length <= TAG_VALUE_LIMIT) tags.push({ key: FILES_SHA_TAG, value });
  }
  return tags;
}

async function ensureRemoteModel(ctx: PushContext, name: string): Promise<void> {
  const model = ctx.registry.getModel(name);
  const metaHash = sha256(JSON.stringify([model.description, model.tags]));
  if (ctx.store.modelMetaHash(ctx.remotePk, name) === metaHash) return;
  try {
    await ctx.client.call('GET', 'registered-models/get', { query: { name }, what: `reading model "${name}"` });
  } catch (error) {
    if (!(isRemoteError(error) && error.code === 'RESOURCE_DOES_NOT_EXIST')) throw error;
    try {
      await ctx.client.call('POST', 'registered-models/create', { body: { name, description: model.description, tags: model.tags }, what: `creating model "${name}"` });
    } catch (createError) {
      if (!(isRemoteError(createError) && createError.code === 'RESOURCE_ALREADY_EXISTS')) throw createError;
    }
  }
  for (const tag of model.tags) await ctx.client.call('POST', 'registered-models/set-tag', { body: { name, ...tag }, what: `tagging model "${name}"` });
  if (model.description) await ctx.client.call('PATCH', 'registered-models/update', { body: { name, description: model.description }, what: `describing model "${name}"` });
  ctx.store.setModelMetaHash(ctx.remotePk, name, metaHash);
}

async function remoteVersions(ctx: PushContext, name: string): Promise<RemoteVersion[]> {
  const out: RemoteVersion[] = [];
  let pageToken: string | undefined;
  do {
    const page = await ctx.client.call<{ model_versions?: RemoteVersion[]; next_page_token?: string }>('GET', 'model-versions/search', {
      query: { filter: `name = ${filterString(name)}`, page_token: pageToken },
      what: `listing versions of "${name}"`,
    });
    out.push(...(page.model_versions ?? []));
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return out;
}

/** Where the version's files are on the remote: inside the pushed run's artifacts, as MLflow's client resolves `runs:/`. */
async function remoteSource(ctx: PushContext, version: ModelVersion): Promise<{ source: string; runId?: string }> {
  if (!version.runId || version.artifactPath === null) return { source: version.source };
  const remoteRunId = ctx.store.run(ctx.remotePk, version.runId)?.remote_run_id;
  if (!remoteRunId) throw new AppError('INVALID_STATE', `Version ${version.version} of "${version.name}" comes from run ${version.runId}, which has not reached the remote; push that run first.`);
  const root = (await remoteArtifactRoot(ctx, remoteRunId)).replace(/\/+$/, '');
  return { source: version.artifactPath ? `${root}/${version.artifactPath}` : root, runId: remoteRunId };
}

/**
 * The remote version of a local one, created once. model-versions/create is not
 * idempotent: after a lost answer the remote's versions are searched for this
 * workstation's source tag before any second create.
 */
async function ensureRemoteVersion(ctx: PushContext, version: ModelVersion): Promise<RemoteVersion> {
  const sourceTag = `${ctx.installationId}:${version.name}/${version.version}`;
  const { source, runId } = await remoteSource(ctx, version);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const existing = (await remoteVersions(ctx, version.name)).find((v) => v.tags?.some((t) => t.key === SOURCE_VERSION_TAG && t.value === sourceTag));
      if (existing) return existing;
      const created = await ctx.client.call<{ model_version: RemoteVersion }>('POST', 'model-versions/create', {
        idempotent: false,
        what: `creating version ${version.version} of "${version.name}"`,
        body: {
          name: version.name,
          source,
          run_id: runId,
          description: version.description,
          tags: [...version.tags.filter((t) => t.key !== SOURCE_VERSION_TAG), { key: SOURCE_VERSION_TAG, value: sourceTag }, ...fileHashesTag(ctx, version)],
        },
      });
      ctx.report.versions.created += 1;
      return created.model_version;
    } catch (error) {
      if (!ctx.client.mayRetry(error, attempt)) throw error;
      await ctx.client.pause(attempt);
    }
  }
}

/** A version's tags, description and stage once pushed (the source never changes). */
async function updateRemoteVersion(ctx: PushContext, version: ModelVersion, remoteNumber: string, remoteStage: string | undefined): Promise<void> {
  const name = version.name;
  let stage = remoteStage;
  if (stage === undefined) {
    const remote = await ctx.client.call<{ model_version: RemoteVersion }>('GET', 'model-versions/get', { query: { name, version: remoteNumber }, what: `reading version ${remoteNumber} of "${name}"` });
    stage = remote.model_version.current_stage;
    for (const tag of version.tags) await ctx.client.call('POST', 'model-versions/set-tag', { body: { name, version: remoteNumber, ...tag }, what: `tagging version ${remoteNumber} of "${name}"` });
    if (version.description) await ctx.client.call('PATCH', 'model-versions/update', { body: { name, version: remoteNumber, description: version.description }, what: `describing version ${remoteNumber} of "${name}"` });
  }
  if ((stage ?? 'None') !== version.currentStage) {
    await ctx.client.call('POST', 'model-versions/transition-stage', {
      body: { name, version: remoteNumber, stage: version.currentStage, archive_existing_versions: false },
      what: `moving version ${remoteNumber} of "${name}" to ${version.currentStage}`,
    });
    ctx.report.stages += 1;
  }
}

/**
 * Pushes one registered model: the model, each version (source at the pushed run's
 * artifacts), version tags and stages, then the aliases, which point at remote version
 * numbers. The runs the versions come from must have been pushed before. Each step is
 * recorded as it lands, so a push cut off again and again still moves forward.
 */
export async function pushModel(ctx: PushContext, name: string, fingerprint: string): Promise<void> {
  await ensureRemoteModel(ctx, name);
  const remoteNumbers = new Map<number, string>();
  for (const version of ctx.registry.listVersions(name).sort((a, b) => a.version - b.version)) {
    const pushedHash = sha256(JSON.stringify([version.tags, version.description, version.currentStage]));
    const mapped = ctx.store.remoteVersion(ctx.remotePk, name, version.version);
    let remoteNumber = mapped?.remote_version;
    if (!remoteNumber) {
      const remote = await ensureRemoteVersion(ctx, version);
      remoteNumber = String(remote.version);
      ctx.store.setRemoteVersion(ctx.remotePk, name, version.version, remoteNumber);
      await updateRemoteVersion(ctx, version, remoteNumber, remote.current_stage ?? 'None');
      ctx.store.setVersionPushed(ctx.remotePk, name, version.version, pushedHash);
    } else if (mapped?.pushed_hash !== pushedHash) {
      await updateRemoteVersion(ctx, version, remoteNumber, undefined);
      ctx.store.setVersionPushed(ctx.remotePk, name, version.version, pushedHash);
    }
    remoteNumbers.set(version.version, remoteNumber);
  }
  for (const { alias, version } of ctx.registry.getModel(name).aliases) {
    const remoteNumber = remoteNumbers.get(version);
    if (!remoteNumber) continue;
    await ctx.client.call('POST', 'registered-models/alias', { body: { name, alias, version: remoteNumber }, what: `setting alias "${alias}" of "${name}"` });
    ctx.report.aliases += 1;
  }
  ctx.store.setModel(ctx.remotePk, name, 'synced', fingerprint, null);
}
