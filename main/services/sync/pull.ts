import { AppError } from '../../core/app-error';
import type { Db } from '../../db/database';
import { runArtifacts } from './local-runs';
import type { RegistryService } from '../registry/registry-service';
import type { TrackingService } from '../tracking/tracking-service';
import { SYSTEM_TAGS } from '../tracking/types';
import { sha256Hex } from '../registry/canonical-json';
import { MlflowClient, type RetryPolicy } from './mlflow-client';
import { proxyPath } from './push-artifacts';
import { FILES_SHA_TAG, MODEL_SHA_TAG, SOURCE_VERSION_TAG } from './push-context';
import type { RemoteAuth } from './remote-auth';
import type { SyncStore } from './sync-store';

export const PULL_EXPERIMENT = 'Pulled models';
const MODEL_FOLDER = 'model';
/** A model directory this large is not a model a workstation should pull by accident. */
const MAX_FILES = 1000;

export interface PullResult {
  remote: string;
  name: string;
  remoteVersion: string;
  version: number;
  runId: string;
  files: Array<{ path: string; bytes: number; sha256: string }>;
  /** Which hashes the files were checked against: the version's tags (NeuroOps pushed it) or sizes only. */
  verifiedBy: 'sha256' | 'size';
  alreadyPulled: boolean;
}

interface RemoteVersion {
  name: string;
  version: string;
  source: string;
  run_id?: string;
  description?: string;
  tags?: Array<{ key: string; value: string }>;
}

/** NAME, NAME@alias or NAME/version. */
export function parseModelRef(ref: string): { name: string; alias?: string; version?: string } {
  const at = ref.lastIndexOf('@');
  if (at > 0) return { name: ref.slice(0, at), alias: ref.slice(at + 1) };
  const slash = ref.lastIndexOf('/');
  if (slash > 0 && /^\d+$/.test(ref.slice(slash + 1))) return { name: ref.slice(0, slash), version: ref.slice(slash + 1) };
  return { name: ref };
}

async function resolveVersion(client: MlflowClient, ref: string): Promise<RemoteVersion> {
  const { name, alias, version } = parseModelRef(ref);
  if (alias) return (await client.call<{ model_version: RemoteVersion }>('GET', 'registered-models/alias', { query: { name, alias }, what: `reading alias "${alias}" of "${name}"` })).model_version;
  if (version) return (await client.call<{ model_version: RemoteVersion }>('GET', 'model-versions/get', { query: { name, version }, what: `reading version ${version} of "${name}"` })).model_version;
  const found = await client.call<{ model_versions?: RemoteVersion[] }>('GET', 'model-versions/search', { query: { filter: `name = '${name.replace(/'/g, "\\'")}'` }, what: `listing versions of "${name}"` });
  const latest = (found.model_versions ?? []).sort((a, b) => Number(b.version) - Number(a.version))[0];
  if (!latest) throw new AppError('RESOURCE_DOES_NOT_EXIST', `The remote has no version of a model named "${name}".`);
  return latest;
}

/** The version's files as paths under the artifact proxy: `runs:/` is resolved through the run, as MLflow's client does. */
async function sourceRoot(client: MlflowClient, version: RemoteVersion): Promise<string> {
  const uri = (await client.call<{ artifact_uri: string }>('GET', 'model-versions/get-download-uri', { query: { name: version.name, version: version.version }, what: 'finding the model files' })).artifact_uri;
  const runs = /^runs:\/([^/]+)\/?(.*)$/.exec(uri);
  if (!runs) return proxyPath(uri);
  const run = await client.call<{ run: { info: { artifact_uri: string } } }>('GET', 'runs/get', { query: { run_id: runs[1]! }, what: `reading run ${runs[1]}` });
  return [proxyPath(run.run.info.artifact_uri), runs[2]].filter(Boolean).join('/');
}

async function listFiles(client: MlflowClient, root: string, folder = ''): Promise<Array<{ path: string; size: number | null }>> {
  const out: Array<{ path: string; size: number | null }> = [];
  for (const entry of await client.listArtifacts(folder ? `${root}/${folder}` : root)) {
    const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
    const relative = folder ? `${folder}/${name}` : name;
    if (name === '' || name === '.' || name === '..') throw new AppError('INVALID_STATE', `The remote listed an unsafe artifact name "${entry.path}".`);
    if (entry.is_dir) out.push(...(await listFiles(client, root, relative)));
    else out.push({ path: relative, size: entry.file_size === undefined ? null : Number(entry.file_size) });
    if (out.length > MAX_FILES) throw new AppError('INVALID_STATE', `The model directory has more than ${MAX_FILES} files; is the version's source a model directory?`);
  }
  return out;
}

function expectedHashes(version: RemoteVersion): { files: Record<string, string> | null; model: string | null } {
  const tag = (key: string) => version.tags?.find((t) => t.key === key)?.value ?? null;
  let files: Record<string, string> | null = null;
  const filesTag = tag(FILES_SHA_TAG);
  if (filesTag) {
    try {
      files = JSON.parse(filesTag) as Record<string, string>;
    } catch {
      throw new AppError('CHECKSUM_MISMATCH', `The version's ${FILES_SHA_TAG} tag is not valid JSON; it was damaged on the remote.`);
    }
  }
  return { files, model: tag(MODEL_SHA_TAG) };
}

export interface PullDeps {
  db: Db;
  tracking: TrackingService;
  registry: RegistryService;
  store: SyncStore;
}

/**
 * Imports one registered model version from a remote registry: its model directory is
 * downloaded through the artifact proxy, every file checked (sha256 against the hashes
 * NeuroOps tags a pushed version with, else the sizes the remote lists), then stored in
 * a run of the "Pulled models" experiment and registered locally under the same name.
 * Nothing is written before every file has been checked. Pulling the same version again
 * answers the earlier import.
 */
export async function pull(deps: PullDeps, options: { uri: string; auth: RemoteAuth; ref: string; retry?: RetryPolicy }): Promise<PullResult> {
  const client = new MlflowClient({ uri: options.uri, auth: options.auth, retry: options.retry });
  const remote = await resolveVersion(client, options.ref);
  const earlier = deps.store.pulled(options.uri, remote.name, String(remote.version));
  if (earlier) {
    try {
      const local = deps.registry.getVersion(earlier.name, earlier.version);
      const files = (local.runId ? runArtifacts(deps.db, local.runId) : []).filter((a) => a.path.startsWith(`${MODEL_FOLDER}/`));
      const listedFiles = files.map((a) => ({ path: a.path.slice(MODEL_FOLDER.length + 1), bytes: a.size, sha256: a.sha256 }));
      return { remote: options.uri, name: local.name, remoteVersion: String(remote.version), version: local.version, runId: local.runId ?? '', files: listedFiles, verifiedBy: 'sha256', alreadyPulled: true };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'RESOURCE_DOES_NOT_EXIST')) throw error;
      // The local copy was deleted since: pull it again.
    }
  }
  const root = await sourceRoot(client, remote);
  const listed = await listFiles(client, root);
  if (listed.length === 0) throw new AppError('RESOURCE_DOES_NOT_EXIST', `Version ${remote.version} of "${remote.name}" has no files at its source ${remote.source}.`);
  const expected = expectedHashes(remote);
  const downloaded = new Map<string, Buffer>();
  for (const file of listed) {
    const data = await client.getArtifact(`${root}/${file.path}`, `downloading ${file.path}`);
    if (file.size !== null && data.length !== file.size) throw new AppError('CHECKSUM_MISMATCH', `${file.path} arrived with ${data.length} bytes; the remote lists ${file.size}. Pull again.`);
    const want = expected.files?.[file.path] ?? (file.path === 'model.onnx' ? expected.model : null);
    if (want && sha256Hex(data) !== want) throw new AppError('CHECKSUM_MISMATCH', `${file.path} of version ${remote.version} of "${remote.name}" does not match its sha256 (${want}); it was damaged in transfer or changed on the remote.`);
    downloaded.set(file.path, data);
  }
  if (expected.files) {
    const missing = Object.keys(expected.files).filter((path) => !downloaded.has(path));
    if (missing.length) throw new AppError('CHECKSUM_MISMATCH', `The remote's model directory lacks ${missing.join(', ')}, which the version was registered with.`);
  }

  const origin = [
    { key: 'neuroops.sync.pulled_from', value: options.uri },
    { key: 'neuroops.sync.remote_version', value: `${remote.name}/${remote.version}` },
  ];
  const experimentId = await deps.tracking.ensureExperiment(PULL_EXPERIMENT);
  const run = await deps.tracking.createRun({ experimentId, runName: `${remote.name} v${remote.version} (pulled)`, tags: [...origin, { key: SYSTEM_TAGS.note, value: `Pulled from ${options.uri}` }] });
  try {
    for (const [path, data] of downloaded) await deps.tracking.putArtifact(run.runId, `${MODEL_FOLDER}/${path}`, data);
    await deps.tracking.setTerminated(run.runId, 'FINISHED');
    deps.registry.ensureModel(remote.name);
    const tags = [...(remote.tags ?? []).filter((t) => t.key !== SOURCE_VERSION_TAG), ...origin];
    const local = await deps.registry.createVersion({ name: remote.name, source: `runs:/${run.runId}/${MODEL_FOLDER}`, runId: run.runId, description: remote.description, tags });
    if (expected.model && local.modelSha256 && local.modelSha256 !== expected.model) {
      throw new AppError('CHECKSUM_MISMATCH', `The registered model.onnx hash ${local.modelSha256} differs from the remote's ${expected.model}.`);
    }
    deps.store.recordPull(options.uri, remote.name, String(remote.version), local.name, local.version);
    return {
      remote: options.uri,
      name: local.name,
      remoteVersion: String(remote.version),
      version: local.version,
      runId: run.runId,
      files: [...downloaded].map(([path, data]) => ({ path, bytes: data.length, sha256: sha256Hex(data) })),
      verifiedBy: expected.files || expected.model ? 'sha256' : 'size',
      alreadyPulled: false,
    };
  } catch (error) {
    await deps.tracking.deleteRun(run.runId).catch(() => undefined);
    throw error;
  }
}
