/**
 * The `features` flow on the executor (one task per recording, cached by file
 * hash and spec hash, table and spec as artifacts) and the `eeg.bids_features`
 * load stage of ml_pipeline, both on the demo dataset.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { defaultSpec, specHash } from '../../../pipelines/preprocess/spec';
import { tempDir } from '../../support/temp-dir';

const demo = join(__dirname, '../../../resources/demo/bids');
const metricsOf = (m: Array<{ key: string; value: number }>) => Object.fromEntries(m.map((x) => [x.key, x.value]));

describe('features flow', () => {
  it('runs a task per recording, logs the table and spec, and reuses cached recordings on a second run', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const first = await core.dispatcher.invoke('executor.startFlowRun', { flowName: 'features', params: { dataset: demo } });
      const run = await core.services.executor.waitFor(first.flowRunId);
      expect(run.state).toBe('Completed');
      expect(run.result).toMatchObject({ rows: 6, failed: 0, specHash: specHash(defaultSpec()) });
      const { taskRuns } = await core.dispatcher.invoke('executor.getFlowRun', { flowRunId: run.flowRunId });
      expect(taskRuns.map((t) => t.label)).toEqual(['scan', ...[1, 2, 3, 4, 5, 6].map((i) => `sub-0${i}/eeg/sub-0${i}_task-rest_eeg.edf`), 'assemble']);
      const assemble = core.services.tracking.getRun(taskRuns.at(-1)!.trackingRunId!);
      expect(core.services.tracking.listArtifacts(assemble.info.runId).map((a) => a.path).sort()).toEqual(['features.csv', 'features.spec.json', 'quality.json']);
      expect(metricsOf(assemble.data.metrics)).toMatchObject({ recordings_in_table: 6, recordings_failed: 0, feature_columns: 152 });

      const second = await core.dispatcher.invoke('executor.startFlowRun', { flowName: 'features', params: { dataset: demo } });
      const again = await core.services.executor.waitFor(second.flowRunId);
      expect(again.state).toBe('Completed');
      const rerun = await core.dispatcher.invoke('executor.getFlowRun', { flowRunId: again.flowRunId });
      expect(rerun.taskRuns.filter((t) => t.label.endsWith('.edf')).map((t) => t.cached)).toEqual([true, true, true, true, true, true]);
    } finally {
      await core.close();
    }
  }, 180_000);

  it('feeds ml_pipeline from a BIDS dataset through the eeg.bids_features load stage', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const started = await core.dispatcher.invoke('executor.startFlowRun', {
        flowName: 'ml_pipeline',
        params: {
          load: { fn: 'eeg.bids_features', args: { dataset: demo, label: 'group' } },
          process: { fn: 'example.zscore', args: {} },
          train: { fn: 'example.nearest_centroid', args: { repeats: 2 } },
        },
      });
      const run = await core.services.executor.waitFor(started.flowRunId);
      expect(run.state).toBe('Completed');
      const { taskRuns } = await core.dispatcher.invoke('executor.getFlowRun', { flowRunId: run.flowRunId });
      const load = core.services.tracking.getRun(taskRuns[0]!.trackingRunId!);
      expect(metricsOf(load.data.metrics)).toMatchObject({ rows_out: 6, cols_out: 152, recordings_failed: 0 });
      expect(core.services.tracking.listArtifacts(load.info.runId).map((a) => a.path)).toContain('features.spec.json');
    } finally {
      await core.close();
    }
  }, 180_000);
});
