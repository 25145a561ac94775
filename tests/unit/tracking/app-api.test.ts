import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import type { EventEnvelope } from '../../../main/contract/bridge';
import { tempDir } from '../../support/temp-dir';

let core: Core;
let runId: string;
beforeEach(async () => {
  core = await createCore({ dataDir: tempDir() });
  runId = (await core.services.tracking.createRun({ experimentId: '0', runName: 'api' })).runId;
});
afterEach(() => core.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field by each test
const call = <T = any>(name: string, input: unknown): Promise<T> => core.dispatcher.invoke(name as never, input as never) as Promise<T>;

describe('tracking over the app API', () => {
  it('counts active runs per active experiment and gives the start of the latest one', async () => {
    const { experimentId } = await call('tracking.createExperiment', { name: 'busy' });
    await core.services.tracking.createRun({ experimentId, startTime: 1000 });
    const deleted = (await core.services.tracking.createRun({ experimentId, startTime: 3000 })).runId;
    await core.services.tracking.deleteRun(deleted);
    await core.services.tracking.createRun({ experimentId, startTime: 2000 });
    await call('tracking.createExperiment', { name: 'empty' });
    const { experiments } = await call('tracking.experimentActivity', {});
    const byId = Object.fromEntries(experiments.map((e: { experimentId: string }) => [e.experimentId, e]));
    expect(byId[experimentId]).toEqual({ experimentId, runCount: 2, lastRunStart: 2000 });
    expect(byId['0']).toMatchObject({ runCount: 1 });
    expect(experiments).toHaveLength(3);
    expect(experiments.find((e: { runCount: number }) => e.runCount === 0)).toMatchObject({ lastRunStart: null });
  });

  it("lists an experiment's metric and param keys as they are logged, sorted, without other experiments' keys", async () => {
    const { experimentId } = await call('tracking.createExperiment', { name: 'keys' });
    expect(await call('tracking.experimentKeys', { experimentId })).toEqual({ metricKeys: [], paramKeys: [] });
    const a = (await core.services.tracking.createRun({ experimentId })).runId;
    const b = (await core.services.tracking.createRun({ experimentId })).runId;
    await core.services.tracking.logBatch(a, { params: [{ key: 'lr', value: '0.1' }], metrics: [{ key: 'val_acc', value: 1, step: 0, timestamp: 0 }] });
    await core.services.tracking.logBatch(b, { params: [{ key: 'lr', value: '0.2' }, { key: 'batch', value: '32' }], metrics: [{ key: 'loss', value: 1, step: 0, timestamp: 0 }] });
    await core.services.tracking.logBatch(runId, { params: [{ key: 'default_only', value: 'x' }], metrics: [{ key: 'default_metric', value: 1, step: 0, timestamp: 0 }] });
    expect(await call('tracking.experimentKeys', { experimentId })).toEqual({ metricKeys: ['loss', 'val_acc'], paramKeys: ['batch', 'lr'] });
    await expect(call('tracking.experimentKeys', { experimentId: '999' })).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('returns a run whose NaN and Infinity metrics pass the contract as strings', async () => {
    await core.services.tracking.logBatch(runId, {
      metrics: [{ key: 'nan', value: Number.NaN, step: 0, timestamp: 0 }, { key: 'inf', value: -Infinity, step: 0, timestamp: 0 }],
    });
    const run = await call('tracking.getRun', { runId });
    expect(run.data.metrics).toEqual(expect.arrayContaining([
      { key: 'nan', value: 'NaN', step: 0, timestamp: 0 },
      { key: 'inf', value: '-Infinity', step: 0, timestamp: 0 },
    ]));
    const search = await call('tracking.searchRuns', { experimentIds: ['0'], filter: "attributes.run_name = 'api'" });
    expect(search.runs).toHaveLength(1);
  });

  it('downsamples one metric and a bulk of runs for charts', async () => {
    const other = (await core.services.tracking.createRun({ experimentId: '0' })).runId;
    for (const id of [runId, other]) {
      await core.services.tracking.logBatch(id, { metrics: Array.from({ length: 500 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), step: i, timestamp: i })) });
    }
    const one = await call('tracking.getMetricHistory', { runId, key: 'loss', maxPoints: 100 });
    expect(one).toMatchObject({ runId, key: 'loss', totalPoints: 500, method: 'lttb' });
    expect(one.points).toHaveLength(100);
    const bulk = await call('tracking.getMetricHistoryBulk', { runIds: [runId, other], key: 'loss', maxPoints: 50 });
    expect(bulk.series.map((s: { points: unknown[] }) => s.points.length)).toEqual([50, 50]);
    await expect(call('tracking.getMetricHistoryBulk', { runIds: Array(101).fill(runId), key: 'loss' })).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
  });

  it('lists and reads artifacts, text as UTF-8 and binary as base64, with a download path', async () => {
    await core.services.tracking.putArtifact(runId, 'eval/metrics.csv', 'fold,acc\n1,0.8\n');
    await core.services.tracking.putArtifact(runId, 'eval/plot.png', Buffer.from([137, 80, 78, 71]));
    const listed = await call('tracking.listArtifacts', { runId, path: 'eval' });
    expect(listed.entries.map((e: { path: string }) => e.path)).toEqual(['eval/metrics.csv', 'eval/plot.png']);
    const csv = await call('tracking.readArtifact', { runId, path: 'eval/metrics.csv', maxBytes: 9 });
    expect(csv).toMatchObject({ encoding: 'utf8', content: 'fold,acc\n', truncated: true, size: 15, contentType: 'text/csv; charset=utf-8' });
    expect(csv.downloadPath).toBe(`/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/eval/metrics.csv`);
    const png = await call('tracking.readArtifact', { runId, path: 'eval/plot.png' });
    expect(png).toMatchObject({ encoding: 'base64', content: Buffer.from([137, 80, 78, 71]).toString('base64'), truncated: false });
  });

  it('renames, notes, deletes and restores, and tells listeners what changed', async () => {
    const seen: EventEnvelope[] = [];
    core.events.subscribe((e) => seen.push(e));
    await call('tracking.renameRun', { runId, name: 'renamed' });
    await call('tracking.setNote', { runId, note: 'why this run' });
    await call('tracking.deleteRun', { runId });
    expect((await call('tracking.getRun', { runId })).info.lifecycleStage).toBe('deleted');
    await call('tracking.restoreRun', { runId });
    const run = await call('tracking.getRun', { runId });
    expect(run.info.runName).toBe('renamed');
    expect(run.data.tags).toContainEqual({ key: 'mlflow.note.content', value: 'why this run' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen).toContainEqual({ name: 'tracking.changed', payload: { experimentIds: ['0'], runIds: [runId] } });
  });

  it('manages experiments', async () => {
    const { experimentId } = await call('tracking.createExperiment', { name: 'sleep' });
    await call('tracking.renameExperiment', { experimentId, newName: 'sleep-2' });
    expect((await call('tracking.getExperiment', { experimentId })).name).toBe('sleep-2');
    await call('tracking.deleteExperiment', { experimentId });
    const deleted = await call('tracking.searchExperiments', { viewType: 'DELETED_ONLY' });
    expect(deleted.experiments.map((e: { name: string }) => e.name)).toEqual(['sleep-2']);
    await call('tracking.restoreExperiment', { experimentId });
    expect((await call('tracking.searchExperiments', {})).experiments).toHaveLength(2);
  });

  it('never cuts a UTF-8 character in half in a truncated text preview', async () => {
    await core.services.tracking.putArtifact(runId, 'notes.txt', 'aé€😀z');
    const previews = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((maxBytes) => call('tracking.readArtifact', { runId, path: 'notes.txt', maxBytes })));
    expect(previews.map((p: { content: string }) => p.content)).toEqual(['a', 'a', 'aé', 'aé', 'aé', 'aé€', 'aé€', 'aé€', 'aé€', 'aé€😀']);
  });
});
