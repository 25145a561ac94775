/**
 * ONNX export against onnxruntime-node: every exported model type (standardized
 * logistic regression, binary and multinomial; random forests, two-class and
 * 3-class with balanced weights; single trees) gives, on every row of its
 * table, the same label and probabilities within 1e-5 as the TypeScript model
 * fed the same float32 features. The file's metadata_props carry the feature
 * names and classes.
 */
import { createRequire } from 'node:module';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  argmaxRows, fitDecisionTree, fitLogisticRegression, fitRandomForest, fitStandardScaler, predictProbaForest,
  predictProbaLogistic, predictProbaTree, transformStandard, type FeatureMatrix,
} from '../../../pipelines/ml';
import { fitGradientBoosting, predictProbaGradientBoosting } from '../../../pipelines/ml/gradient-boosting';
import { exportGradientBoostingOnnx, exportLogisticRegressionOnnx, exportRandomForestOnnx, float32AtOrBelow } from '../../../pipelines/ml/onnx';
import { loadTable, type Table } from './fixtures';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as typeof import('onnx-proto');

function asFloat32(x: FeatureMatrix): FeatureMatrix {
  return { ...x, data: Float64Array.from(x.data, Math.fround) };
}

async function compareWithRuntime(bytes: Uint8Array, x: FeatureMatrix, proba: Float64Array, K: number): Promise<void> {
  const session = await InferenceSession.create(bytes);
  expect(session.inputNames).toEqual(['features']);
  expect(session.outputNames).toEqual(['label', 'probabilities']);
  const out = await session.run({ features: new Tensor('float32', Float32Array.from(x.data), [x.rows, x.cols]) });
  const labels = Array.from(out.label!.data as BigInt64Array, Number);
  const probs = out.probabilities!.data as Float32Array;
  expect(out.probabilities!.dims).toEqual([x.rows, K]);
  expect(labels).toEqual(Array.from(argmaxRows(proba, K)));
  let worst = 0;
  for (let i = 0; i < proba.length; i++) worst = Math.max(worst, Math.abs(probs[i]! - proba[i]!));
  expect(worst).toBeLessThan(1e-5);
}

const info = (t: Table, K: number) => ({ featureNames: t.names, classes: Array.from({ length: K }, (_, k) => `class-${k}`) });

describe('ONNX export, checked with onnxruntime-node on every row', () => {
  for (const name of ['breast-cancer', 'multiclass']) {
    it(`logistic regression on ${name}`, async () => {
      const t = loadTable(name);
      const x = asFloat32(t.x);
      const scaler = fitStandardScaler(x);
      const model = fitLogisticRegression(transformStandard(scaler, x), t.y, { C: 1 });
      const bytes = exportLogisticRegressionOnnx(scaler, model, info(t, model.nClasses));
      await compareWithRuntime(bytes, x, predictProbaLogistic(model, transformStandard(scaler, x)), model.nClasses);
    });
  }

  it('random forest on the 3-class table (balanced class weights)', async () => {
    const t = loadTable('multiclass');
    const x = asFloat32(t.x);
    const forest = fitRandomForest(x, t.y, { nEstimators: 25, classWeight: 'balanced', maxDepth: 8, seed: 9 });
    const bytes = exportRandomForestOnnx(forest, info(t, forest.nClasses));
    await compareWithRuntime(bytes, x, predictProbaForest(forest, x), forest.nClasses);
  });

  it('random forest on breast cancer (two classes)', async () => {
    const t = loadTable('breast-cancer');
    const x = asFloat32(t.x);
    const forest = fitRandomForest(x, t.y, { nEstimators: 25, maxDepth: 8, seed: 9 });
    const bytes = exportRandomForestOnnx(forest, info(t, forest.nClasses));
    await compareWithRuntime(bytes, x, predictProbaForest(forest, x), forest.nClasses);
  });

  for (const [name, subsample] of [['breast-cancer', 1], ['multiclass', 0.7]] as const) {
    it(`gradient boosting on ${name} (subsample ${subsample})`, async () => {
      const t = loadTable(name);
      const x = asFloat32(t.x);
      const model = fitGradientBoosting(x, t.y, { nEstimators: 60, maxDepth: 3, learningRate: 0.2, subsample, seed: 5 });
      const bytes = exportGradientBoostingOnnx(model, info(t, model.nClasses));
      await compareWithRuntime(bytes, x, predictProbaGradientBoosting(model, x), model.nClasses);
    });
  }

  it('a two-class boosted model whose leaf steps are all positive still labels by p1 > 0.5', async () => {
    // One stump whose leaf steps are made positive: without the cancelling pair ONNX Runtime would take its all-positive path.
    const t = loadTable('breast-cancer');
    const x = asFloat32(t.x);
    const model = fitGradientBoosting(x, t.y, { nEstimators: 1, maxDepth: 1, learningRate: 1e-3, seed: 1 });
    // A raw score in (0, 0.5) is class 1 (p1 > 0.5) but below the all-positive path's 0.5 cut.
    const positive = { ...model, init: Float64Array.of(0.2), stages: model.stages.map((s) => s.map((tree) => ({ ...tree, value: tree.value.map(Math.abs) }))) };
    await compareWithRuntime(exportGradientBoostingOnnx(positive, info(t, 2)), x, predictProbaGradientBoosting(positive, x), 2);
  });

  it('a two-class decision tree', async () => {
    const t = loadTable('breast-cancer');
    const x = asFloat32(t.x);
    const tree = fitDecisionTree(x, t.y, { maxDepth: 4, seed: 3 });
    await compareWithRuntime(exportRandomForestOnnx(tree, info(t, 2)), x, predictProbaTree(tree, x), 2);
  });

  it('a single decision tree, and the metadata_props', async () => {
    const t = loadTable('multiclass');
    const tree = fitDecisionTree(t.x, t.y, { criterion: 'entropy', seed: 1 });
    const bytes = exportRandomForestOnnx(tree, { ...info(t, 3), specHash: 'abc123' });
    await compareWithRuntime(bytes, asFloat32(t.x), predictProbaTree(tree, asFloat32(t.x)), 3);
    const model = onnx.ModelProto.decode(bytes);
    const meta = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(meta.feature_names!)).toEqual(t.names);
    expect(JSON.parse(meta.classes!)).toEqual(['class-0', 'class-1', 'class-2']);
    expect(meta.spec_hash).toBe('abc123');
    expect(model.opsetImport.map((o) => o.domain)).toContain('ai.onnx.ml');
  });

  it('refuses feature names that do not fit the model', () => {
    const t = loadTable('multiclass');
    const tree = fitDecisionTree(t.x, t.y, { maxDepth: 2 });
    expect(() => exportRandomForestOnnx(tree, { featureNames: ['a'], classes: ['x', 'y', 'z'] })).toThrow(/6 features but 1 feature names/);
  });

  it('rounds thresholds to the largest float32 not above them', () => {
    for (const t of [0.1, -0.1, 1 / 3, -1e-40, 123456.789, 0]) {
      const r = float32AtOrBelow(t);
      expect(r).toBeLessThanOrEqual(t);
      expect(Math.fround(r)).toBe(r);
      const f = new Float32Array([r]);
      const i = new Int32Array(f.buffer);
      i[0]! += r >= 0 ? 1 : -1;
      if (r === 0) f[0] = 1.401298464324817e-45;
      expect(f[0]!).toBeGreaterThan(t);
    }
  });
});
