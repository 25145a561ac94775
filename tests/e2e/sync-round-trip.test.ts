import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, startServe, type ServeProcess } from './support/server';
import { expectExactCopy, mlflowApi, openLocal, remoteRuns, seedLab } from './support/sync-fixture';

let remote: ServeProcess | undefined;
let closeLocal: (() => Promise<void>) | undefined;
/** The remote (a second serve process), and the local workstation seeded with a lab's runs and models. */
async function remoteAndLab() {
  remote = await startServe();
  const local = await openLocal();
  closeLocal = local.close;
  return { remote, local, seeded: await seedLab(local.core) };
}

afterEach(async () => {
  await closeLocal?.();
  await remote?.stop();
  closeLocal = undefined;
  remote = undefined;
});

describe('sync push to a second neuroops serve playing the remote MLflow server', () => {
  it('round trip: every run, param, tag, metric point, artifact, model, version and alias reads back through MLflow; a second push duplicates nothing', async () => {
    const { remote, local, seeded } = await remoteAndLab();
    const { children } = seeded;

    const first = await local.sync.push({ remote: remote.url, scope: { kind: 'all' } });
    expect(first).toMatchObject({ ok: true, stoppedBy: null, failures: [] });
    // 4 runs; 130 params in each child (two batches of 100 and 30) plus the parent's one.
    expect(first.runs).toEqual({ pushed: 4, unchanged: 0, failed: 0, created: 4 });
    expect(first.metricPoints).toBe(2 * (2600 + 4) + 1);
    expect(first.params).toBe(2 * 130 + 1);
    expect(first.versions.created).toBe(2);

    const api = mlflowApi(remote.url);
    const check = async (): Promise<void> => {
      const model = await expectExactCopy(local.core, api);
      // Each version's source is inside the pushed run's artifacts on the remote.
      for (const [i, v] of model.versions.entries()) {
        const run = (await api.get('runs/get', { run_id: v.runId as string })).run as { info: { artifact_uri: string }; data: { tags: Array<{ key: string; value: string }> } };
        expect(v.source).toBe(`${run.info.artifact_uri}/model`);
        expect(run.data.tags).toContainEqual({ key: 'neuroops.sync.source_run_id', value: children[i] });
      }
    };
    await check();

    const second = await local.sync.push({ remote: remote.url, scope: { kind: 'all' } });
    expect(second).toMatchObject({ ok: true, metricPoints: 0, params: 0, tags: 0, versions: { created: 0 }, artifacts: { uploaded: 0, bytes: 0 } });
    expect(second.runs).toEqual({ pushed: 0, unchanged: 4, failed: 0, created: 0 });
    expect(second.models).toEqual({ pushed: 0, unchanged: 1, failed: 0 });
    await check();

    // New points on one run: only they travel, and the status says so before and after.
    await local.core.services.tracking.logBatch(children[0]!, { metrics: [{ key: 'loss', value: 0.01, timestamp: 1_800_000_000_000, step: 2600 }] });
    expect(local.sync.itemStatus({ runIds: [children[0]!, children[1]!], models: ['sleep-stager'] }).runs.map((r) => r.state)).toEqual(['pending', 'synced']);
    const third = await local.sync.push({ remote: remote.url, scope: { kind: 'runs', runIds: [children[0]!] } });
    expect(third).toMatchObject({ ok: true, metricPoints: 1, runs: { pushed: 1, unchanged: 1 } });
    const status = local.sync.overview(remote.url);
    expect(status).toMatchObject({ remote: remote.url.replace(/\/$/, ''), runs: { synced: 4, pending: 0, failed: 0 }, models: { synced: 1, pending: 0, failed: 0 } });
    const copy = (await remoteRuns(api)).get(children[0]!)![0]!;
    expect(copy.metrics.loss).toHaveLength(2601);
    expect(copy.metrics.loss!.at(-1)).toEqual([2600, 1_800_000_000_000, '0.01']);
  });
});

describe('sync pull from the remote registry', () => {
  it('pulls a model version into a third, fresh data folder with identical ONNX bytes and model directory, checked by sha256; a second pull is a no-op', async () => {
    const { remote, local: source, seeded } = await remoteAndLab();
    const { children } = seeded;
    expect((await source.sync.push({ remote: remote.url, scope: { kind: 'model', name: 'sleep-stager' } })).ok).toBe(true);

    const third = await openLocal();
    try {
      const pulled = await third.sync.pull({ remote: remote.url, ref: 'sleep-stager@production' });
      expect(pulled).toMatchObject({ name: 'sleep-stager', remoteVersion: '2', version: 1, verifiedBy: 'sha256', alreadyPulled: false });
      const files = (core: typeof third.core, runId: string) => {
        const { tracking } = core.services;
        return Object.fromEntries(tracking.listArtifacts(runId, 'model').map((e) => [e.path, fs.readFileSync(tracking.openArtifact(runId, e.path).file).toString('hex')]));
      };
      expect(files(third.core, pulled.runId)).toEqual(files(source.core, children[1]!));
      const local = third.core.services.registry.getVersion('sleep-stager', 1);
      expect(local.modelSha256).toBe(source.core.services.registry.getVersion('sleep-stager', 2).modelSha256);
      expect(local.tags).toContainEqual({ key: 'neuroops.sync.remote_version', value: 'sleep-stager/2' });

      expect(await third.sync.pull({ remote: remote.url, ref: 'sleep-stager/2' })).toMatchObject({ version: 1, alreadyPulled: true });
      expect(third.core.services.registry.listVersions('sleep-stager')).toHaveLength(1);
      expect(await third.sync.pull({ remote: remote.url, ref: 'sleep-stager/1' })).toMatchObject({ remoteVersion: '1', version: 2, alreadyPulled: false });

      // A file that no longer matches the hashes the version was pushed with is refused, and nothing is registered.
      const api = mlflowApi(remote.url);
      const wrongHashes = JSON.stringify({ 'model.onnx': '0'.repeat(64), 'neuroops.json': '1'.repeat(64) });
      await api.post('model-versions/set-tag', { name: 'sleep-stager', version: '2', key: 'neuroops.files_sha256', value: wrongHashes });
      const fresh = await openLocal();
      try {
        await expect(fresh.sync.pull({ remote: remote.url, ref: 'sleep-stager/2' })).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
        expect(fresh.core.services.registry.searchModels({}).items).toEqual([]);
      } finally {
        await fresh.close();
      }

      // The command line, into a fourth data folder.
      const dataDir = tempDir('neuroops-sync-cli-');
      const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'neuroops.mjs'), 'sync', 'pull', '--remote', remote.url, '--model', 'sleep-stager@champion', '--json', '--data-dir', dataDir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(cli.status, cli.stderr).toBe(0);
      const answer = JSON.parse(cli.stdout) as { remoteVersion: string; files: Array<{ path: string; sha256: string }> };
      expect(answer.remoteVersion).toBe('1');
      expect(answer.files.find((f) => f.path === 'model.onnx')?.sha256).toBe(source.core.services.registry.getVersion('sleep-stager', 1).modelSha256);
    } finally {
      await third.close();
    }
  });
});
