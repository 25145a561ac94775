import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { tempDir } from '../../support/temp-dir';

const tagsOf = (tags: Array<{ key: string; value: string }>) => Object.fromEntries(tags.map((t) => [t.key, t.value]));
const paramsOf = tagsOf;

describe('executor in the core: the example pipeline, tracked', () => {
  it('runs load → process → train as a tracked flow run with three nested stage runs and their automatic logging', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const started = await core.dispatcher.invoke('executor.startFlowRun', { flowName: 'example_pipeline', params: { subjects: 40, features: 6 } });
      const run = await core.services.executor.waitFor(started.flowRunId);
      expect(run.state).toBe('Completed');
      expect(run.result).toMatchObject({ classes: ['ACr', 'HC'] });
      const { taskRuns } = await core.dispatcher.invoke('executor.getFlowRun', { flowRunId: run.flowRunId });
      expect(taskRuns.map((t) => [t.label, t.state])).toEqual([['load', 'Completed'], ['process', 'Completed'], ['train', 'Completed']]);

      const tracking = core.services.tracking;
      const flowTracked = tracking.getRun(run.trackingRunId!);
      expect(flowTracked.info.status).toBe('FINISHED');
      expect(paramsOf(flowTracked.data.params)).toMatchObject({ subjects: '40', features: '6' });
      expect(tagsOf(flowTracked.data.tags)).toMatchObject({ 'neuroops.flow': 'example_pipeline', 'neuroops.state': 'Completed' });

      const [load, process, train] = taskRuns.map((t) => tracking.getRun(t.trackingRunId!));
      for (const stage of [load!, process!, train!]) {
        expect(stage.info.status).toBe('FINISHED');
        expect(stage.info.experimentId).toBe(flowTracked.info.experimentId);
        expect(tagsOf(stage.data.tags)).toMatchObject({ 'mlflow.parentRunId': run.trackingRunId, status: 'completed' });
      }
      expect(paramsOf(load!.data.params)).toMatchObject({ stage: 'load', function: 'example.synthetic_features', 'args.subjects': '40' });
      const metrics = (r: typeof load) => Object.fromEntries(r!.data.metrics.map((m) => [m.key, m.value]));
      expect(metrics(load)).toMatchObject({ rows_out: 40, cols_out: 6 });
      expect(metrics(process)).toMatchObject({ rows_in: 40, cols_in: 6, rows_out: 40, cols_out: 6 });
      expect(metrics(train)).toMatchObject({ rows_in: 40, cols_in: 6 });
      expect(metrics(train).accuracy).toBeGreaterThan(0.5);
      expect(tracking.listArtifacts(train!.info.runId, 'model').map((a) => a.path)).toEqual(['model/centroids.json']);
    } finally {
      await core.close();
    }
  });

  it('refuses an ml_pipeline whose stages do not exist or have the wrong kind, before anything starts', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const bad = core.dispatcher.invoke('executor.startFlowRun', {
        flowName: 'ml_pipeline',
        params: { load: { fn: 'example.nope' }, process: { fn: 'example.synthetic_features' }, train: { fn: 'example.nearest_centroid', args: { repeats: 0 } } },
      });
      await expect(bad).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      const message = await bad.catch((e: Error) => e.message);
      expect(message).toContain('no stage is named "example.nope"');
      expect(message).toContain('is a load stage, not a process stage');
      expect(message).toContain('train.args.repeats');
      expect(await core.dispatcher.invoke('executor.listFlowRuns', {})).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('lists the flows with a JSON Schema of their params and their defaults', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const flows = await core.dispatcher.invoke('executor.listFlows', {});
      const example = flows.find((f) => f.name === 'example_pipeline')!;
      expect(example.defaultParams).toMatchObject({ subjects: 60, repeats: 5 });
      expect(example.paramsSchema).toMatchObject({ type: 'object', properties: { subjects: { type: 'integer' } } });
      expect(flows.find((f) => f.name === 'ml_pipeline')!.defaultParams).toBeNull();
    } finally {
      await core.close();
    }
  });
});
