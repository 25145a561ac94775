/**
 * The `harmonize.combat` process stage: fits on a Dataset whose rows carry
 * their site and covariates, or applies a PARAMS.json; logs the parameters and
 * any recording passed uncorrected; and runs inside ml_pipeline after
 * eeg.bids_features on the demo dataset.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { stageTask } from '../../../pipelines/flows/ml-pipeline/stage-task';
import type { HarmonizedDataset } from '../../../pipelines/flows/harmonize/stages';
import type { TaskContext } from '../../../pipelines/flows/task';
import { defaultHarmonization, fitCombat, type CombatInput } from '../../../pipelines/harmonize';
import { tempDir } from '../../support/temp-dir';
import { loadCombatTable } from './fixtures';

function recordingContext() {
  const logged = { params: {} as Record<string, string>, metrics: {} as Record<string, number>, json: {} as Record<string, unknown>, warnings: [] as string[] };
  const ctx: TaskContext = {
    taskRunId: 't',
    flowRunId: 'f',
    attempt: 1,
    signal: new AbortController().signal,
    logger: { debug() {}, info() {}, warn: (m) => void logged.warnings.push(m), error() {} },
    progress() {},
    log: {
      param: (k, v) => void (logged.params[k] = String(v)),
      tag() {},
      metric: (k, v) => void (logged.metrics[k] = v),
      artifact() {},
      text() {},
      json: (p, v) => void (logged.json[p] = v),
    },
  };
  return { ctx, logged };
}

function asDataset(t: CombatInput) {
  return {
    featureNames: t.features,
    X: t.rows.map((r) => Array.from(r)),
    y: t.rows.map((_, i) => (i % 2 ? 'HC' : 'ACr')),
    keys: { participant_id: t.labels, site: t.sites, age: t.covariates['age']!, sex: t.covariates['sex']! },
  };
}

const run = (input: unknown, args: Record<string, unknown>, ctx: TaskContext) =>
  stageTask.run({ kind: 'process', fn: 'harmonize.combat', args, input }, ctx) as Promise<HarmonizedDataset>;

describe('the harmonize.combat stage', () => {
  const table = loadCombatTable('combat-fit');

  it('fits ComBat on the rows, passes the parameters on and logs them', async () => {
    const { ctx, logged } = recordingContext();
    const out = await run(asDataset(table), {}, ctx);
    const expected = fitCombat(table, defaultHarmonization());
    expect(out.X).toEqual(expected.rows.map((r) => Array.from(r)));
    expect(out.harmonization).toEqual(expected.params);
    expect(out.y).toEqual(asDataset(table).y);
    expect(logged.params).toMatchObject({ harmonization: 'combat fit', harmonization_sites: 'SiteA,SiteB,SiteC', harmonization_covariates: 'age,sex[M]' });
    expect(logged.json['combat.json']).toEqual(expected.params);
    expect(logged.metrics).toMatchObject({ rows_uncorrected: 0 });
  });

  it('applies a PARAMS.json, passing an unknown site when the arguments say so, with a warning logged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'neuroops-combat-stage-'));
    try {
      const file = join(dir, 'params.json');
      await writeFile(file, JSON.stringify(fitCombat(table, defaultHarmonization()).params));
      const fresh = loadCombatTable('combat-new');
      const data = asDataset({ ...fresh, sites: fresh.sites.map((s, i) => (i === 0 ? 'SiteQ' : s)) });
      await expect(run(data, { params: file }, recordingContext().ctx)).rejects.toMatchObject({ code: 'UNKNOWN_SITE' });
      const { ctx, logged } = recordingContext();
      const out = await run(data, { params: file, unknownSite: 'pass' }, ctx);
      expect(out.X[0]).toEqual(data.X[0]);
      expect(out.X[1]).not.toEqual(data.X[1]);
      expect(logged.params['harmonization']).toBe('combat apply');
      expect(logged.metrics['rows_uncorrected']).toBe(1);
      expect(logged.warnings).toEqual([expect.stringContaining(`${fresh.labels[0]}: site "SiteQ" is not one the harmonization was fitted on`)]);
      expect(logged.json['combat-warnings.json']).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses rows that carry no site', async () => {
    const { keys: _keys, ...bare } = asDataset(table);
    await expect(run(bare, {}, recordingContext().ctx)).rejects.toMatchObject({ code: 'MISSING_COVARIATE', message: expect.stringContaining('no "site"') });
  });

  it('runs in ml_pipeline between eeg.bids_features and training', async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const started = await core.dispatcher.invoke('executor.startFlowRun', {
        flowName: 'ml_pipeline',
        params: {
          load: { fn: 'eeg.bids_features', args: { dataset: join(__dirname, '../../../resources/demo/bids'), label: 'group' } },
          process: { fn: 'harmonize.combat', args: {} },
          train: { fn: 'example.nearest_centroid', args: { repeats: 2 } },
        },
      });
      const flow = await core.services.executor.waitFor(started.flowRunId);
      expect(flow.state, JSON.stringify(flow)).toBe('Completed');
      const { taskRuns } = await core.dispatcher.invoke('executor.getFlowRun', { flowRunId: flow.flowRunId });
      const process = core.services.tracking.getRun(taskRuns[1]!.trackingRunId!);
      expect(process.data.params).toEqual(expect.arrayContaining([{ key: 'harmonization_sites', value: 'siteA,siteB' }]));
      expect(core.services.tracking.listArtifacts(process.info.runId).map((a) => a.path)).toContain('combat.json');
    } finally {
      await core.close();
    }
  }, 180_000);
});
