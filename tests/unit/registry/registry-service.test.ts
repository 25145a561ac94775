import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { specHash } from '../../../main/services/registry/canonical-json';
import { errorCodeOf, MODEL_METADATA, openRegistry, type RegistryFixture } from './support';

let fx: RegistryFixture;
afterEach(() => fx?.close());

describe('registered models', () => {
  it('creates, reads, renames, describes, tags and deletes a model', async () => {
    fx = openRegistry();
    const created = fx.registry.createModel({ name: 'sleep-stager', description: 'first', tags: [{ key: 'team', value: 'eeg' }] });
    expect(created).toMatchObject({ name: 'sleep-stager', description: 'first', tags: [{ key: 'team', value: 'eeg' }], latestVersions: [], gate: null });

    expect((await errorCodeOf(() => fx.registry.createModel({ name: 'sleep-stager' }))).code).toBe('RESOURCE_ALREADY_EXISTS');
    expect(fx.registry.updateModel('sleep-stager', { description: 'second' }).description).toBe('second');
    fx.registry.setModelTag('sleep-stager', { key: 'site', value: 'paris' });
    fx.registry.deleteModelTag('sleep-stager', 'team');
    expect(fx.registry.getModel('sleep-stager').tags).toEqual([{ key: 'site', value: 'paris' }]);

    await fx.registerVersion('sleep-stager', { accuracy: 0.8 });
    const renamed = fx.registry.renameModel('sleep-stager', 'sleep-stager-v2');
    expect(renamed.name).toBe('sleep-stager-v2');
    expect(fx.registry.getVersion('sleep-stager-v2', 1).name).toBe('sleep-stager-v2');
    expect((await errorCodeOf(() => fx.registry.getModel('sleep-stager'))).code).toBe('RESOURCE_DOES_NOT_EXIST');

    fx.registry.deleteModel('sleep-stager-v2');
    expect(fx.registry.searchModels().items).toEqual([]);
    expect(fx.db.prepare('SELECT count(*) AS n FROM model_versions').get()).toEqual({ n: 0 });
  });

  it('refuses empty names, names with a slash, and renaming onto a taken name', async () => {
    fx = openRegistry();
    expect((await errorCodeOf(() => fx.registry.createModel({ name: '  ' }))).code).toBe('INVALID_PARAMETER_VALUE');
    expect((await errorCodeOf(() => fx.registry.createModel({ name: 'a/b' }))).message).toContain('"/"');
    fx.registry.createModel({ name: 'a' });
    fx.registry.createModel({ name: 'b' });
    expect((await errorCodeOf(() => fx.registry.renameModel('a', 'b'))).code).toBe('RESOURCE_ALREADY_EXISTS');
  });

  it('searches models by name and tag with MLflow filters, and pages', async () => {
    fx = openRegistry();
    for (const name of ['alpha-net', 'Alpha-lite', 'beta-net']) fx.registry.createModel({ name, tags: [{ key: 'kind', value: name.endsWith('net') ? 'cnn' : 'linear' }] });
    const names = (filter: string) => fx.registry.searchModels({ filter }).items.map((m) => m.name);
    expect(names("name LIKE 'alpha%'")).toEqual(['alpha-net']);
    expect(names("name ILIKE 'alpha%'")).toEqual(['Alpha-lite', 'alpha-net']);
    expect(names("tags.kind = 'cnn'")).toEqual(['alpha-net', 'beta-net']);
    expect(names("name = 'beta-net' AND tags.kind = 'cnn'")).toEqual(['beta-net']);

    expect(fx.registry.searchModels({ orderBy: ['name DESC'] }).items.map((m) => m.name)).toEqual(['beta-net', 'alpha-net', 'Alpha-lite']);
    expect((await errorCodeOf(() => fx.registry.searchModels({ orderBy: ['tags.kind'] }))).code).toBe('INVALID_PARAMETER_VALUE');
    const first = fx.registry.searchModels({ maxResults: 2 });
    expect(first.items).toHaveLength(2);
    const second = fx.registry.searchModels({ maxResults: 2, pageToken: first.nextPageToken });
    expect(second.items.map((m) => m.name)).toEqual(['beta-net']);
    expect(second.nextPageToken).toBeUndefined();
    expect((await errorCodeOf(() => fx.registry.searchModels({ filter: 'metrics.acc > 1' }))).code).toBe('INVALID_PARAMETER_VALUE');
  });
});

describe('model versions', () => {
  it('registers a version from a run, with its signature, spec hash and model hash', async () => {
    fx = openRegistry();
    const runId = await fx.trainedRun({ accuracy: 0.9 });
    fx.registry.createModel({ name: 'm' });
    const version = await fx.registry.createVersion({
      name: 'm',
      source: `mlflow-artifacts:/0/${runId}/artifacts/model`,
      runId,
      description: 'baseline',
      tags: [{ key: 'dataset', value: 'demo' }],
    });
    expect(version).toMatchObject({ version: 1, runId, artifactPath: 'model', status: 'READY', currentStage: 'None', description: 'baseline', aliases: [] });
    expect(version.specHash).toBe(specHash(MODEL_METADATA.preprocessing));
    expect(version.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(version.signature!.inputs)).toEqual([{ type: 'tensor', name: 'features', 'tensor-spec': { dtype: 'float32', shape: [-1, 4] } }]);
    expect(JSON.parse(version.signature!.outputs).map((o: { name: string }) => o.name)).toEqual(['probabilities', 'label']);
  });

  it('opens a version\'s model by number or alias, and refuses one whose model.onnx changed on disk since registration', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    fx.registry.setAlias('m', 'champion', 1);
    const opened = fx.registry.openModel('m', 'champion');
    expect(opened.version.version).toBe(1);
    expect(opened.metadata.classes).toEqual(MODEL_METADATA.classes);
    expect(opened.model.equals(fs.readFileSync(opened.modelFile))).toBe(true);

    fs.writeFileSync(opened.modelFile, 'tampered');
    expect((await errorCodeOf(() => fx.registry.openModel('m', 1))).code).toBe('CHECKSUM_MISMATCH');
  });

  it('numbers versions 1, 2, 3 and never reuses the number of a deleted version', async () => {
    fx = openRegistry();
    expect(await fx.registerVersion('m', {})).toBe(1);
    expect(await fx.registerVersion('m', {})).toBe(2);
    fx.registry.deleteVersion('m', 2);
    expect(await fx.registerVersion('m', {})).toBe(3);
    expect(fx.registry.listVersions('m').map((v) => v.version)).toEqual([3, 1]);
    expect((await errorCodeOf(() => fx.registry.getVersion('m', 2))).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('marks a version whose model.onnx does not load as FAILED_REGISTRATION', async () => {
    fx = openRegistry();
    const { runId } = await fx.tracking.createRun({ experimentId: '0' });
    await fx.tracking.putArtifact(runId, 'model/model.onnx', 'not an onnx model');
    fx.registry.createModel({ name: 'm' });
    const version = await fx.registry.createVersion({ name: 'm', source: `runs:/${runId}/model` });
    expect(version.status).toBe('FAILED_REGISTRATION');
    expect(version.statusMessage).toContain('does not load');
    expect(version.runId).toBe(runId);
  });

  it('refuses a version of an unknown model or from an unknown run', async () => {
    fx = openRegistry();
    expect((await errorCodeOf(fx.registry.createVersion({ name: 'nope', source: 'runs:/abc/model' }))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    fx.registry.createModel({ name: 'm' });
    expect((await errorCodeOf(fx.registry.createVersion({ name: 'm', source: 'runs:/0123456789abcdef/model', runId: '0123456789abcdef' }))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(fx.registry.listVersions('m')).toEqual([]);
  });

  it('searches versions by name, run id and tags, and gives the latest version per stage', async () => {
    fx = openRegistry();
    await fx.registerVersion('a', {});
    await fx.registerVersion('a', {});
    await fx.registerVersion('b', {});
    const runOfB = fx.registry.getVersion('b', 1).runId!;
    fx.registry.setVersionTag('a', 2, { key: 'validated', value: 'yes' });
    const found = (filter: string) => fx.registry.searchVersions({ filter }).items.map((v) => `${v.name}/${v.version}`);
    expect(found("name = 'a'")).toEqual(['a/2', 'a/1']);
    expect(found(`run_id = '${runOfB}'`)).toEqual(['b/1']);
    expect(found(`run_id IN ('${runOfB}', 'zzz')`)).toEqual(['b/1']);
    expect(found("tags.validated = 'yes'")).toEqual(['a/2']);
    expect(fx.registry.searchVersions({ filter: "name = 'a'", orderBy: ['version_number ASC'] }).items.map((v) => v.version)).toEqual([1, 2]);

    fx.registry.transitionStage('a', 1, 'Staging', false);
    expect(fx.registry.getLatestVersions('a', ['staging']).map((v) => v.version)).toEqual([1]);
    expect(fx.registry.getLatestVersions('a').map((v) => `${v.version}:${v.currentStage}`).sort()).toEqual(['1:Staging', '2:None']);
    expect((await errorCodeOf(() => fx.registry.getLatestVersions('a', ['Live']))).code).toBe('INVALID_PARAMETER_VALUE');
  });

  it("moves stages as MLflow does, archiving the stage's other versions when asked, and records each move", async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    await fx.registerVersion('m', {});
    fx.registry.transitionStage('m', 1, 'Production', false);
    fx.registry.transitionStage('m', 2, 'production', true);
    expect(fx.registry.listVersions('m').map((v) => `${v.version}:${v.currentStage}`)).toEqual(['2:Production', '1:Archived']);
    const [last] = fx.registry.history('m');
    expect(last).toMatchObject({ kind: 'stage', fromVersion: 2, toVersion: 2, fromStage: 'None', toStage: 'Production', actor: 'tester' });
    expect(last!.reason).toContain('archived version(s) 1');
  });

  it('sets, reads and removes aliases; a deleted version takes its aliases with it', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    await fx.registerVersion('m', {});
    fx.registry.setAlias('m', 'champion', 1);
    fx.registry.setAlias('m', 'challenger', 2);
    expect(fx.registry.getVersionByAlias('m', 'champion').version).toBe(1);
    expect(fx.registry.getModel('m').aliases).toEqual([
      { alias: 'challenger', version: 2 },
      { alias: 'champion', version: 1 },
    ]);
    fx.registry.setAlias('m', 'champion', 2);
    expect(fx.registry.getVersion('m', 2).aliases).toEqual(['challenger', 'champion']);
    fx.registry.deleteAlias('m', 'challenger');
    fx.registry.deleteVersion('m', 2);
    expect(fx.registry.getModel('m').aliases).toEqual([]);
    expect((await errorCodeOf(() => fx.registry.getVersionByAlias('m', 'champion'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(() => fx.registry.deleteAlias('m', 'champion'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});
