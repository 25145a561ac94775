/**
 * ONNX import and inference: a classifier built outside NeuroOps (python3-onnx's
 * helper API, scripts/fixtures/make-external-onnx.py, with its own input and
 * output names) is imported by `neuroops models import model.onnx --features
 * names.txt --name NAME`, registered, and run in batch through the session
 * cache with the same labels and probabilities numpy computed (< 1e-5). The
 * signature is checked before every run: feature names in another order, a
 * missing feature, or a names file that does not fit the model's input are
 * refused with their own codes, and a refused import leaves nothing registered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../main/app/server';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { predictBatch } from '../../../main/services/inference/predict';
import { OnnxSessionCache } from '../../../main/services/inference/session-cache';
import { fitRandomForest } from '../../../pipelines/ml';
import { exportRandomForestOnnx } from '../../../pipelines/ml/onnx';
import { tempDir } from '../../support/temp-dir';
import { loadTable } from './fixtures';

const DIR = path.join(import.meta.dirname, '../../fixtures/ml/external');
const MODEL = path.join(DIR, 'external-logreg.onnx');
const FEATURES = path.join(DIR, 'external-features.txt');
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'external-expected.json'), 'utf8')) as {
  features: string[];
  rows: number[][];
  labels: number[];
  probabilities: number[][];
};

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(args, commands, { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

let server: RunningServer | undefined;
const caches: OnnxSessionCache[] = [];
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const c of caches.splice(0)) await c.close();
});

function newCache(capacity?: number): OnnxSessionCache {
  const c = new OnnxSessionCache(capacity);
  caches.push(c);
  return c;
}

describe('ONNX import and batch inference', () => {
  it('imports an external classifier from the CLI and predicts with it as numpy does', async () => {
    const dataDir = tempDir();
    const imported = await cli(['models', 'import', MODEL, '--features', FEATURES, '--name', 'external-eeg', '--data-dir', dataDir]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported external-eeg version 1 \(4 features\)/);

    server = await startServer({ dataDir, port: 0, rendererDir: path.join(dataDir, 'no-renderer') });
    const files = server.core.services.registry.openModel('external-eeg', 1);
    const schema = files.metadata.featureSchema as { input: string; names: string[] };
    expect(schema).toMatchObject({ input: 'float_input', names: expected.features });
    const cache = newCache();
    const session = await cache.get(files.version.modelSha256 ?? 'external', () => files.model);
    expect(await cache.get(files.version.modelSha256 ?? 'external', () => files.model)).toBe(session);
    const out = await predictBatch(session, schema.names, { columns: expected.features, rows: expected.rows });
    expect(out.labels).toEqual(expected.labels);
    out.probabilities.flat().forEach((p, i) => expect(Math.abs(p - expected.probabilities.flat()[i]!)).toBeLessThan(1e-5));

    const reordered = [expected.features[1]!, expected.features[0]!, ...expected.features.slice(2)];
    await expect(predictBatch(session, schema.names, { columns: reordered, rows: expected.rows })).rejects.toMatchObject({ code: 'FEATURE_ORDER_MISMATCH' });
    await expect(predictBatch(session, schema.names, { columns: expected.features.slice(0, 3), rows: expected.rows })).rejects.toMatchObject({
      code: 'FEATURE_MISMATCH',
      message: expect.stringContaining('missing entropy_Pz'),
    });
  });

  it('refuses a names file that does not fit the model, and registers nothing', async () => {
    const dataDir = tempDir();
    const three = path.join(tempDir(), 'names.txt');
    fs.writeFileSync(three, 'a\nb\nc\n');
    const refused = await cli(['models', 'import', MODEL, '--features', three, '--name', 'bad', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[MODEL_SIGNATURE_MISMATCH]');
    expect(refused.stderr).toContain('takes 4 features, but 3 feature names');
    const twice = path.join(tempDir(), 'twice.txt');
    fs.writeFileSync(twice, 'a\nb\na\nc\n');
    expect((await cli(['models', 'import', MODEL, '--features', twice, '--name', 'bad', '--data-dir', dataDir])).stderr).toContain('lists the feature "a" twice');
    const usage = await cli(['models', 'import', MODEL, '--name', 'bad', '--data-dir', dataDir]);
    expect(usage.stderr).toContain('--features names.txt --name NAME');
    const list = await cli(['models', 'list', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(list.stdout)).toEqual({ models: [] });
  });

  it('runs one of our exported models in batches through the cache, which releases the least recently used', async () => {
    const t = loadTable('multiclass');
    const forest = fitRandomForest(t.x, t.y, { nEstimators: 10, maxDepth: 4, seed: 2 });
    const bytes = exportRandomForestOnnx(forest, { featureNames: t.names, classes: ['a', 'b', 'c'] });
    const cache = newCache(1);
    const session = await cache.get('forest', () => bytes);
    const rows = Array.from({ length: t.x.rows }, (_, r) => Array.from(t.x.data.subarray(r * t.x.cols, (r + 1) * t.x.cols)));
    const out = await predictBatch(session, t.names, { columns: t.names, rows });
    expect(out.labels).toHaveLength(t.x.rows);
    expect(out.probabilities[0]).toHaveLength(3);
    await cache.get('other', () => bytes);
    expect(cache.size).toBe(1);
    await expect(cache.get('broken', () => new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'INVALID_MODEL' });
    expect(cache.size).toBe(0);
  });
});
