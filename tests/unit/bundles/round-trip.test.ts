import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/services/registry/canonical-json';
import { parseChecksums } from '../../../main/services/bundles/checksums';
import { MODEL_METADATA } from '../registry/support';
import { openBundles, predict, readZip, type BundleFixture } from './support';

const open: BundleFixture[] = [];
const fixture = () => {
  const fx = openBundles();
  open.push(fx);
  return fx;
};
afterEach(() => {
  for (const fx of open.splice(0)) fx.close();
});

describe('a bundle round trip', () => {
  it('exports a version, imports it into a fresh data folder, and both give identical predictions', async () => {
    const source = fixture();
    await source.registerVersion('sleep-stager', { accuracy: 0.91, f1: 0.88 });
    source.registry.updateVersion('sleep-stager', 1, { description: 'trained on the demo dataset' });
    const zipFile = path.join(source.dir, 'out', 'sleep-stager-v1.zip');
    const exported = source.bundles.exportBundle('sleep-stager', 1, zipFile);
    expect(exported.bytes).toBe(fs.statSync(zipFile).size);
    expect(exported.sha256).toBe(sha256Hex(fs.readFileSync(zipFile)));

    const target = fixture();
    const imported = await target.bundles.importBundle(zipFile);
    expect(imported).toMatchObject({ name: 'sleep-stager', version: 1, originalVersion: 1 });
    const version = target.registry.getVersion('sleep-stager', 1);
    const original = source.registry.getVersion('sleep-stager', 1);
    expect(version).toMatchObject({ status: 'READY', description: 'trained on the demo dataset', specHash: original.specHash, modelSha256: original.modelSha256, signature: original.signature });
    expect(version.tags).toContainEqual({ key: 'neuroops.bundle.version', value: '1' });

    const run = target.tracking.getRun(imported.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params).toContainEqual({ key: 'classifier', value: 'logreg' });
    expect(Object.fromEntries(run.data.metrics.map((m) => [m.key, m.value]))).toEqual({ accuracy: 0.91, f1: 0.88 });

    const before = await predict(source, 'sleep-stager', 1);
    const after = await predict(target, 'sleep-stager', 1);
    expect(after).toEqual(before);
    expect(after.labels).toEqual([0n, 0n, 1n, 1n, 2n, 2n]);
  });

  it('imports under another name with --name, as the next version of an existing model', async () => {
    const fx = fixture();
    await fx.registerVersion('a', { accuracy: 0.9 });
    await fx.registerVersion('b', { accuracy: 0.5 });
    const zipFile = fx.bundles.exportBundle('a', 1, path.join(fx.dir, 'a.zip')).file;
    const imported = await fx.bundles.importBundle(zipFile, { name: 'b' });
    expect(imported).toMatchObject({ name: 'b', version: 2 });
  });
});

describe('what a bundle holds', () => {
  it('an MLflow ONNX model directory, the NeuroOps manifest, a README and checksums of every file', async () => {
    const fx = fixture();
    await fx.registerVersion('m', { accuracy: 0.9 });
    const runId = fx.registry.getVersion('m', 1).runId!;
    const files = readZip(fx.bundles.exportBundle('m', 1, path.join(fx.dir, 'm.zip')).file);
    expect([...files.keys()].sort()).toEqual(['MLmodel', 'README.md', 'checksums.sha256', 'input_example.json', 'model.onnx', 'neuroops.json']);

    const mlmodel = files.get('MLmodel')!.toString();
    expect(mlmodel).toMatch(/^flavors:\n {2}onnx:\n/m);
    expect(mlmodel).toContain('    data: "model.onnx"');
    expect(mlmodel).toContain('    loader_module: mlflow.onnx');
    expect(mlmodel).toContain(`run_id: "${runId}"`);
    expect(mlmodel).toMatch(/^ {2}inputs: "\[\{\\"type\\":\\"tensor\\",\\"name\\":\\"features\\"/m);
    expect(mlmodel).toContain('saved_input_example_info:');
    expect(JSON.parse(files.get('input_example.json')!.toString())).toEqual({ inputs: MODEL_METADATA.inputExample });

    const manifest = JSON.parse(files.get('neuroops.json')!.toString());
    expect(manifest).toMatchObject({
      bundleFormatVersion: 1,
      appVersion: '9.9.9-test',
      model: { name: 'm', version: 1 },
      preprocessing: MODEL_METADATA.preprocessing,
      featureSchema: MODEL_METADATA.featureSchema,
      classes: ['rest', 'task', 'sleep'],
      harmonization: null,
      training: { runId, params: { classifier: 'logreg' }, metrics: { accuracy: 0.9 } },
    });
    expect(Date.parse(manifest.exportedAt)).not.toBeNaN();
    expect(files.get('README.md')!.toString()).toContain('mlflow.onnx.load_model');

    const sums = parseChecksums(files.get('checksums.sha256')!.toString());
    expect([...sums.keys()].sort()).toEqual(['MLmodel', 'README.md', 'input_example.json', 'model.onnx', 'neuroops.json']);
    for (const [name, sum] of sums) expect(sha256Hex(files.get(name)!)).toBe(sum);
  });

  it('refuses to export a version with no model directory in this tracker', async () => {
    const fx = fixture();
    fx.registry.createModel({ name: 'remote' });
    await fx.registry.createVersion({ name: 'remote', source: 's3://bucket/model' });
    expect(() => fx.bundles.exportBundle('remote', 1, path.join(fx.dir, 'x.zip'))).toThrow(/no model directory/);
    expect(fs.existsSync(path.join(fx.dir, 'x.zip'))).toBe(false);
  });
});
