/**
 * Training end to end on a feature table: ml_pipeline with table.csv → ml.prepare
 * → ml.train as nested runs, the MLflow model directory it logs, the version the
 * training service registers (with the metrics a promotion gate reads), and
 * `neuroops train --features … --json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { loadOnnxRuntime } from '../../../main/core/onnx-runtime';
import { classifierSignature } from '../../../pipelines/flows/training/model-directory';
import { tempDir } from '../../support/temp-dir';

const table = join(__dirname, '../../fixtures/ml/multiclass.csv');
const metricsOf = (m: Array<{ key: string; value: number }>) => Object.fromEntries(m.map((x) => [x.key, x.value]));

describe('training on a feature table', () => {
  it('logs params, metrics, charts and an MLflow model directory to nested runs and registers a version', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const started = await core.dispatcher.invoke('training.start', {
        source: { kind: 'features', path: table },
        label: 'label',
        model: 'rf',
        cv: 3,
        seed: 1,
        experiment: 'table-tests',
        register: 'table-model',
      });
      const status = await core.services.training.waitFor(started.flowRun.flowRunId);
      expect(status.flowRun.state).toBe('Completed');
      const { taskRuns } = await core.dispatcher.invoke('executor.getFlowRun', { flowRunId: status.flowRun.flowRunId });
      expect(taskRuns.map((t) => t.label)).toEqual(['load', 'process', 'train']);

      // Nested runs in the experiment the training named.
      const parent = core.services.tracking.getRun(status.flowRun.trackingRunId!);
      const train = core.services.tracking.getRun(status.trainRunId!);
      expect(train.data.tags.find((t) => t.key === 'mlflow.parentRunId')?.value).toBe(parent.info.runId);
      expect(train.info.experimentId).toBe(parent.info.experimentId);
      const experiment = await core.dispatcher.invoke('tracking.getExperiment', { experimentId: parent.info.experimentId });
      expect(experiment.name).toBe('table-tests');

      // Metrics: test-split scores and the CV scores, one per fold as steps.
      const metrics = metricsOf(train.data.metrics);
      expect(metrics.accuracy).toBeGreaterThan(0.6);
      expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['balanced_accuracy', 'f1_macro', 'roc_auc', 'log_loss', 'cv_accuracy_mean', 'cv_accuracy_std', 'precision_0', 'recall_2']));
      expect(status.result!.cv.scores).toHaveLength(3);
      expect(metrics).toMatchObject(status.result!.metrics);
      const params = Object.fromEntries(train.data.params.map((p) => [p.key, p.value]));
      expect(params).toMatchObject({ model: 'rf', cv_folds: '3', search_candidates: '0' });

      // The model directory.
      const artifacts = core.services.tracking.listArtifacts(train.info.runId, 'model').map((a) => a.path).sort();
      expect(artifacts).toEqual(['model/MLmodel', 'model/input_example.json', 'model/model.onnx', 'model/neuroops.json']);
      const read = (p: string) => readFileSync(core.services.tracking.openArtifact(train.info.runId, p).file);
      const mlmodel = read('model/MLmodel').toString();
      expect(mlmodel).toMatch(/flavors:\n {2}onnx:\n[\s\S]* {2}python_function:\n[\s\S]*loader_module: mlflow.onnx/);
      expect(mlmodel).toContain('saved_input_example_info:');
      const meta = JSON.parse(read('model/neuroops.json').toString());
      expect(meta.classes).toEqual(['0', '1', '2']);
      expect(meta.featureSchema.features.map((f: { name: string }) => f.name)).toEqual(status.result!.featureNames);
      expect(meta.trainingStats.features).toHaveLength(status.result!.featureNames.length);
      expect(Object.keys(meta.trainingStats.features[0].quantiles)).toEqual(['0.01', '0.05', '0.25', '0.5', '0.75', '0.95', '0.99']);
      expect(meta.harmonization).toBeNull();

      // Registered, READY, with the signature onnxruntime reads from model.onnx, and the run's metrics for the gates.
      const version = status.modelVersion!;
      expect(version).toMatchObject({ name: 'table-model', version: 1, status: 'READY', runId: train.info.runId });
      expect(version.signature).toEqual(classifierSignature(status.result!.featureNames.length, 3));
      expect(mlmodel).toContain(`inputs: ${JSON.stringify(version.signature!.inputs)}`);
      const listed = await core.dispatcher.invoke('registry.setGate', { name: 'table-model', gate: { metric: 'accuracy', direction: 'higher' } });
      expect(listed.name).toBe('table-model');
      const preview = await core.dispatcher.invoke('registry.previewPromotion', { name: 'table-model', version: 1 });
      expect(preview.candidate.metrics?.accuracy).toBe(metrics.accuracy);

      // The exported model runs on its input example.
      const ort = await loadOnnxRuntime();
      const session = await ort.InferenceSession.create(read('model/model.onnx'));
      const example = JSON.parse(read('model/input_example.json').toString()).inputs.features as number[][];
      const out = await session.run({ features: new ort.Tensor('float32', Float32Array.from(example.flat()), [1, example[0]!.length]) });
      expect((out.probabilities!.data as Float32Array).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      await session.release();
    } finally {
      await core.close();
    }
  }, 180_000);

  it('neuroops train --features FILE --label COLUMN --search N --json prints the run id, the model version and the metrics with CV scores', async () => {
    const out = { stdout: '', stderr: '' };
    const code = await runCli(
      ['train', '--features', table, '--label', 'label', '--model', 'logreg', '--search', '3', '--cv', '4', '--register', 'cli-model', '--data-dir', tempDir(), '--json'],
      commands,
      { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) },
    );
    expect(code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.state).toBe('Completed');
    expect(json.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(json.modelVersion).toMatchObject({ name: 'cli-model', version: 1, status: 'READY' });
    expect(json.cv.scores).toHaveLength(4);
    expect(json.metrics.cv_accuracy_mean).toBeCloseTo(json.cv.mean, 12);
    expect(json.model).toMatchObject({ type: 'logreg', classes: ['0', '1', '2'] });
    // The search ran on the pool (its chunks are tasks of the flow) and the best candidate was trained.
    expect(json.search).toMatchObject({ candidates: 3 });
    expect(Object.keys(json.model.params)).toEqual(['C']);
    expect(out.stderr).toMatch(/task search 1-\d+: Completed/);
    expect(out.stderr).toContain('task train: Completed');

    const bad = { stdout: '', stderr: '' };
    const refused = await runCli(['train', '--features', table, '--dataset', 'x', '--data-dir', tempDir()], commands, { stdout: (t) => void (bad.stdout += t), stderr: (t) => void (bad.stderr += t) });
    expect(refused).not.toBe(0);
    expect(bad.stderr).toContain('Give --dataset or --features, not both.');
  }, 180_000);

  it('neuroops train with no data trains on the demo dataset, made in the data folder on first use', async () => {
    const dataDir = tempDir();
    const out = { stdout: '', stderr: '' };
    const code = await runCli(['train', '--model', 'gbt', '--cv', '3', '--data-dir', dataDir, '--json'], commands, {
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
    });
    expect(code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.source).toBe(join(dataDir, 'demo', 'training-bids'));
    expect(json.model.classes).toEqual(['HC', 'MCI']);
    expect(json.modelVersion).toMatchObject({ name: 'eeg-classifier', version: 1, status: 'READY' });
    // The model carries the preprocessing spec of its features: the version has its hash.
    expect(json.modelVersion.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.stderr).toContain('Training on the demo dataset');
  }, 240_000);
});
