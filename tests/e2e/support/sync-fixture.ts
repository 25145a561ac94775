import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { SyncService } from '../../../main/services/sync/sync-service';
import { SOURCE_RUN_TAG } from '../../../main/services/sync/push-context';
import type { RetryPolicy } from '../../../main/services/sync/mlflow-client';
import { MODEL_METADATA, MODEL_ONNX } from '../../unit/registry/support';
import { tempDir } from '../../support/temp-dir';

export const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

const sha = (data: Buffer | string): string => crypto.createHash('sha256').update(data).digest('hex');

/** A local workstation: a core on a fresh data folder, and a sync service with fast retries. */
export async function openLocal(env: NodeJS.ProcessEnv = {}): Promise<{ core: Core; sync: SyncService; close(): Promise<void> }> {
  const core = await createCore({ dataDir: tempDir('neuroops-sync-local-') });
  const sync = new SyncService({ db: core.db, tracking: core.services.tracking, registry: core.services.registry, retry: FAST_RETRY, env });
  return { core, sync, close: () => core.close() };
}

/**
 * What a lab has after a few days: two experiments, a parent run with two nested runs,
 * params, tags, long metric histories (more points than one log-batch holds, NaN and
 * ±Infinity among them), artifacts, and a model with two versions, an alias and stages.
 */
export async function seedLab(core: Core): Promise<{ parent: string; children: string[]; other: string }> {
  const { tracking, registry } = core.services;
  const sleep = await tracking.createExperiment({ name: 'sleep staging', tags: [{ key: 'team', value: 'eeg' }] });
  const other = await tracking.createExperiment({ name: 'resting state' });
  const parent = (await tracking.createRun({ experimentId: sleep, runName: 'sweep' })).runId;
  await tracking.logBatch(parent, { params: [{ key: 'sweep', value: 'C' }], tags: [{ key: 'purpose', value: 'grid search' }] });
  const children: string[] = [];
  for (const c of [0.1, 1]) {
    const child = (await tracking.createRun({ experimentId: sleep, runName: `C=${c}`, parentRunId: parent })).runId;
    const params = Array.from({ length: 130 }, (_, i) => ({ key: `p${i}`, value: String(i * c) }));
    await tracking.logBatch(child, { params: params.slice(0, 100), tags: [{ key: 'C', value: String(c) }] });
    await tracking.logBatch(child, { params: params.slice(100) });
    for (let start = 0; start < 2600; start += 1000) {
      const metrics = Array.from({ length: Math.min(1000, 2600 - start) }, (_, i) => ({ key: 'loss', value: 1 / (start + i + 1) + c, timestamp: 1_700_000_000_000 + start + i, step: start + i }));
      await tracking.logBatch(child, { metrics });
    }
    await tracking.logBatch(child, {
      metrics: [
        { key: 'val_accuracy', value: 0.5 + c / 10, timestamp: 1_700_000_100_000, step: 0 },
        { key: 'val_accuracy', value: Number.NaN, timestamp: 1_700_000_100_001, step: 1 },
        { key: 'val_accuracy', value: Number.POSITIVE_INFINITY, timestamp: 1_700_000_100_002, step: 2 },
        { key: 'val_accuracy', value: 0.8, timestamp: 1_700_000_100_003, step: 2 },
      ],
    });
    await tracking.putArtifact(child, 'model/model.onnx', fs.readFileSync(MODEL_ONNX));
    await tracking.putArtifact(child, 'model/neuroops.json', JSON.stringify(MODEL_METADATA));
    await tracking.putArtifact(child, 'plots/confusion.bin', crypto.randomBytes(70_000));
    await tracking.setTerminated(child, 'FINISHED');
    children.push(child);
  }
  await tracking.setTerminated(parent, 'FINISHED');
  const otherRun = (await tracking.createRun({ experimentId: other, runName: 'baseline' })).runId;
  await tracking.logBatch(otherRun, { metrics: [{ key: 'alpha_power', value: 3.25, timestamp: 1_700_000_000_000, step: 0 }] });
  await tracking.setTerminated(otherRun, 'FAILED');

  registry.createModel({ name: 'sleep-stager', description: 'five-stage classifier', tags: [{ key: 'owner', value: 'lab' }] });
  for (const child of children) await registry.createVersion({ name: 'sleep-stager', source: `runs:/${child}/model`, runId: child, tags: [{ key: 'C', value: 'x' }] });
  registry.transitionStage('sleep-stager', 1, 'Archived', false);
  registry.transitionStage('sleep-stager', 2, 'Production', false);
  registry.setAlias('sleep-stager', 'production', 2);
  registry.setAlias('sleep-stager', 'champion', 1);
  return { parent, children, other: otherRun };
}

type Json = Record<string, unknown>;

/** A plain MLflow REST client for checking the remote, as any MLflow user would read it. */
export function mlflowApi(url: string, token?: string) {
  const base = url.replace(/\/+$/, '');
  const headers = (extra: Record<string, string> = {}) => ({ ...extra, ...(token ? { Authorization: `Bearer ${token}` } : {}) });
  return {
    async get(endpoint: string, query: Record<string, string | number> = {}): Promise<Json> {
      const url = new URL(`${base}/api/2.0/mlflow/${endpoint}`);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
      const res = await fetch(url, { headers: headers() });
      if (!res.ok) throw new Error(`GET ${endpoint}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Json;
    },
    async post(endpoint: string, body: unknown): Promise<Json> {
      const res = await fetch(`${base}/api/2.0/mlflow/${endpoint}`, { method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`POST ${endpoint}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Json;
    },
    async artifact(artifactUri: string, file: string): Promise<Buffer> {
      const root = artifactUri.replace(/^mlflow-artifacts:\/*/, '');
      const res = await fetch(`${base}/api/2.0/mlflow-artifacts/artifacts/${root}/${file}`, { headers: headers() });
      if (!res.ok) throw new Error(`artifact ${file}: ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}

export interface RunView {
  name: string;
  status: string;
  experiment: string;
  parent: string | null;
  params: Array<[string, string]>;
  tags: Array<[string, string]>;
  metrics: Record<string, Array<[number, number, string]>>;
  artifacts: Record<string, string>;
}

const valueText = (v: unknown): string => String(v);
const byKey = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);
const SKIPPED_TAGS = new Set(['mlflow.parentRunId', SOURCE_RUN_TAG, 'mlflow.user', 'mlflow.runName']);

/** Every active local run, keyed by run id, in the same shape as `remoteRuns` reads. */
export function localRuns(core: Core): Map<string, RunView> {
  const { tracking } = core.services;
  const out = new Map<string, RunView>();
  for (const exp of tracking.searchExperiments({ maxResults: 1000 }).items) {
    for (const run of tracking.searchRuns({ experimentIds: [exp.experimentId], maxResults: 1000 }).items) {
      const metrics: RunView['metrics'] = {};
      for (const m of run.data.metrics) metrics[m.key] = tracking.getMetricHistory(run.info.runId, m.key).items.map((p) => [p.step, p.timestamp, valueText(p.value)]);
      const artifacts: Record<string, string> = {};
      const walk = (folder: string): void => {
        for (const e of tracking.listArtifacts(run.info.runId, folder)) {
          if (e.isDir) walk(e.path);
          else artifacts[e.path] = sha(fs.readFileSync(tracking.openArtifact(run.info.runId, e.path).file));
        }
      };
      walk('');
      out.set(run.info.runId, {
        name: run.info.runName,
        status: run.info.status,
        experiment: exp.name,
        parent: run.data.tags.find((t) => t.key === 'mlflow.parentRunId')?.value ?? null,
        params: run.data.params.map((p) => [p.key, p.value] as [string, string]).sort(byKey),
        tags: run.data.tags.filter((t) => !SKIPPED_TAGS.has(t.key)).map((t) => [t.key, t.value] as [string, string]).sort(byKey),
        metrics,
        artifacts,
      });
    }
  }
  return out;
}

/** Every remote run made by sync, keyed by the local run id it came from (several: a duplicate). */
export async function remoteRuns(api: ReturnType<typeof mlflowApi>): Promise<Map<string, RunView[]>> {
  const experiments = (await api.post('experiments/search', { max_results: 1000 })).experiments as Json[];
  const names = new Map(experiments.map((e) => [e.experiment_id as string, e.name as string]));
  const runs = ((await api.post('runs/search', { experiment_ids: [...names.keys()], max_results: 1000 })).runs ?? []) as Json[];
  const localIdOf = new Map<string, string>();
  for (const run of runs) {
    const tags = ((run.data as Json).tags ?? []) as Array<{ key: string; value: string }>;
    localIdOf.set((run.info as Json).run_id as string, tags.find((t) => t.key === SOURCE_RUN_TAG)?.value ?? '');
  }
  const out = new Map<string, RunView[]>();
  for (const run of runs) {
    const info = run.info as Json;
    const data = run.data as Json;
    const tags = (data.tags ?? []) as Array<{ key: string; value: string }>;
    const metrics: RunView['metrics'] = {};
    for (const m of (data.metrics ?? []) as Json[]) {
      const history = (await api.get('metrics/get-history', { run_id: info.run_id as string, metric_key: m.key as string })).metrics as Json[];
      metrics[m.key as string] = history.map((p) => [p.step as number, p.timestamp as number, valueText(p.value)]);
    }
    const artifacts: Record<string, string> = {};
    const walk = async (folder: string): Promise<void> => {
      const listed = await api.get('artifacts/list', { run_id: info.run_id as string, ...(folder ? { path: folder } : {}) });
      for (const f of (listed.files ?? []) as Json[]) {
        if (f.is_dir) await walk(f.path as string);
        else artifacts[f.path as string] = sha(await api.artifact(info.artifact_uri as string, f.path as string));
      }
    };
    await walk('');
    const parentRemote = tags.find((t) => t.key === 'mlflow.parentRunId')?.value;
    const localId = localIdOf.get(info.run_id as string)!;
    const view: RunView = {
      name: info.run_name as string,
      status: info.status as string,
      experiment: names.get(info.experiment_id as string)!,
      parent: parentRemote ? (localIdOf.get(parentRemote) ?? `unmapped:${parentRemote}`) : null,
      params: ((data.params ?? []) as Array<{ key: string; value: string }>).map((p) => [p.key, p.value] as [string, string]).sort(byKey),
      tags: tags.filter((t) => !SKIPPED_TAGS.has(t.key)).map((t) => [t.key, t.value] as [string, string]).sort(byKey),
      metrics,
      artifacts,
    };
    out.set(localId, [...(out.get(localId) ?? []), view]);
  }
  return out;
}

/** The remote model as MLflow users see it: versions (stage, source run, tags) and aliases. */
export async function remoteModel(api: ReturnType<typeof mlflowApi>, name: string) {
  const model = (await api.get('registered-models/get', { name })).registered_model as Json;
  const versions = ((await api.get('model-versions/search', { filter: `name = '${name}'` })).model_versions ?? []) as Json[];
  return {
    description: model.description,
    aliases: ((model.aliases ?? []) as Array<{ alias: string; version: string }>).map((a) => [a.alias, a.version]).sort(),
    versions: versions
      .map((v) => ({ version: String(v.version), stage: v.current_stage, source: v.source, runId: v.run_id, tags: v.tags as Array<{ key: string; value: string }> }))
      .sort((a, b) => Number(a.version) - Number(b.version)),
  };
}


/**
 * The remote holds exactly one copy of every local run, equal to it point for point and
 * byte for byte, and the seeded model once: two versions with their stages and aliases.
 * Answers the remote model for further checks.
 */
export async function expectExactCopy(core: Core, api: ReturnType<typeof mlflowApi>): Promise<Awaited<ReturnType<typeof remoteModel>>> {
  const got = await remoteRuns(api);
  const expected = localRuns(core);
  expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [runId, view] of expected) {
    expect(got.get(runId), `remote copies of run ${runId}`).toHaveLength(1);
    expect(got.get(runId)![0]).toEqual(view);
  }
  const model = await remoteModel(api, 'sleep-stager');
  expect(model.description).toBe('five-stage classifier');
  expect(model.versions.map((v) => [v.version, v.stage])).toEqual([
    ['1', 'Archived'],
    ['2', 'Production'],
  ]);
  expect(model.aliases).toEqual([
    ['champion', '1'],
    ['production', '2'],
  ]);
  return model;
}
