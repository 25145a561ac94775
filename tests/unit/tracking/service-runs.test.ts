import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf, openTracking, type TrackingFixture } from './support';

let fx: TrackingFixture;
beforeEach(() => {
  fx = openTracking();
});
afterEach(() => fx.close());

describe('experiments', () => {
  it('has the Default experiment with id 0', () => {
    expect(fx.tracking.getExperiment('0')).toMatchObject({ name: 'Default', lifecycleStage: 'active', artifactLocation: 'mlflow-artifacts:/0' });
  });

  it('refuses a second active experiment with the same name', async () => {
    await fx.tracking.createExperiment({ name: 'eeg' });
    expect((await errorCodeOf(fx.tracking.createExperiment({ name: 'eeg' }))).code).toBe('RESOURCE_ALREADY_EXISTS');
  });

  it('lets a deleted experiment name be reused, and refuses to restore over it', async () => {
    const first = await fx.tracking.createExperiment({ name: 'eeg' });
    await fx.tracking.deleteExperiment(first);
    const second = await fx.tracking.createExperiment({ name: 'eeg' });
    expect(second).not.toBe(first);
    expect(fx.tracking.getExperimentByName('eeg').experimentId).toBe(second);
    const refused = await errorCodeOf(fx.tracking.restoreExperiment(first));
    expect(refused.code).toBe('RESOURCE_ALREADY_EXISTS');
    expect(refused.message).toContain('Rename one of them');
    await fx.tracking.renameExperiment(second, 'eeg-v2');
    await fx.tracking.restoreExperiment(first);
    expect(fx.tracking.getExperiment(first).lifecycleStage).toBe('active');
  });

  it('deletes and restores the runs of an experiment with it', async () => {
    const id = await fx.tracking.createExperiment({ name: 'x' });
    const run = await fx.tracking.createRun({ experimentId: id });
    await fx.tracking.deleteExperiment(id);
    expect(fx.tracking.getRun(run.runId).info.lifecycleStage).toBe('deleted');
    await fx.tracking.restoreExperiment(id);
    expect(fx.tracking.getRun(run.runId).info.lifecycleStage).toBe('active');
  });

  it('answers RESOURCE_DOES_NOT_EXIST for unknown experiments', async () => {
    expect((await errorCodeOf(() => fx.tracking.getExperiment('999'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(() => fx.tracking.getExperimentByName('nope'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(() => fx.tracking.getExperiment('abc'))).code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('searches experiments by name pattern and tag', async () => {
    await fx.tracking.createExperiment({ name: 'motor-imagery', tags: [{ key: 'team', value: 'bci' }] });
    await fx.tracking.createExperiment({ name: 'sleep-staging' });
    const byName = fx.tracking.searchExperiments({ filter: "name LIKE 'motor%'" });
    expect(byName.items.map((e) => e.name)).toEqual(['motor-imagery']);
    const byTag = fx.tracking.searchExperiments({ filter: "tags.team = 'bci'" });
    expect(byTag.items.map((e) => e.name)).toEqual(['motor-imagery']);
    const paged = fx.tracking.searchExperiments({ maxResults: 2, orderBy: ['name ASC'] });
    expect(paged.items.map((e) => e.name)).toEqual(['Default', 'motor-imagery']);
    const rest = fx.tracking.searchExperiments({ maxResults: 2, orderBy: ['name ASC'], pageToken: paged.nextPageToken });
    expect(rest.items.map((e) => e.name)).toEqual(['sleep-staging']);
    expect(rest.nextPageToken).toBeUndefined();
  });
});

describe('runs', () => {
  it('creates a run with MLflow defaults and nests a child under its parent', async () => {
    const parent = await fx.tracking.createRun({ experimentId: '0', runName: 'flow', userId: 'ada' });
    expect(parent).toMatchObject({ status: 'RUNNING', runName: 'flow', userId: 'ada', lifecycleStage: 'active', endTime: null });
    expect(parent.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(parent.artifactUri).toBe(`mlflow-artifacts:/0/${parent.runId}/artifacts`);
    const child = await fx.tracking.createRun({ experimentId: '0', runName: 'task', parentRunId: parent.runId });
    const tags = fx.tracking.getRun(child.runId).data.tags;
    expect(tags).toContainEqual({ key: 'mlflow.parentRunId', value: parent.runId });
    expect(tags).toContainEqual({ key: 'mlflow.runName', value: 'task' });
  });

  it('refuses a parent that does not exist', async () => {
    expect((await errorCodeOf(fx.tracking.createRun({ experimentId: '0', parentRunId: 'f'.repeat(32) }))).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('ends a run, and still accepts data on a finished run as MLflow does', async () => {
    const run = await fx.tracking.createRun({ experimentId: '0' });
    const ended = await fx.tracking.setTerminated(run.runId, 'FAILED', 1234);
    expect(ended).toMatchObject({ status: 'FAILED', endTime: 1234 });
    await fx.tracking.logMetric(run.runId, { key: 'late', value: 1, timestamp: 1, step: 0 });
    expect(fx.tracking.getRun(run.runId).data.metrics).toHaveLength(1);
  });

  it('refuses to log to a deleted run, and logs again once it is restored', async () => {
    const run = await fx.tracking.createRun({ experimentId: '0' });
    await fx.tracking.deleteRun(run.runId);
    const refused = await errorCodeOf(fx.tracking.logParam(run.runId, { key: 'a', value: '1' }));
    expect(refused.code).toBe('INVALID_PARAMETER_VALUE');
    expect(refused.message).toContain("'active'");
    await fx.tracking.restoreRun(run.runId);
    await fx.tracking.logParam(run.runId, { key: 'a', value: '1' });
    expect(fx.tracking.getRun(run.runId).data.params).toEqual([{ key: 'a', value: '1' }]);
  });

  it('answers RESOURCE_DOES_NOT_EXIST for unknown runs on every path', async () => {
    const unknown = '0'.repeat(32);
    expect((await errorCodeOf(() => fx.tracking.getRun(unknown))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(fx.tracking.logBatch(unknown, { params: [{ key: 'a', value: 'b' }] }))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(fx.tracking.updateRun(unknown, { status: 'FINISHED' }))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(fx.tracking.deleteRun(unknown))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(() => fx.tracking.getMetricHistory(unknown, 'loss'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(() => fx.tracking.listArtifacts(unknown))).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('keeps the note in mlflow.note.content and renames through update', async () => {
    const run = await fx.tracking.createRun({ experimentId: '0', runName: 'a' });
    await fx.tracking.setNote(run.runId, 'baseline with CSP');
    await fx.tracking.updateRun(run.runId, { runName: 'b' });
    const got = fx.tracking.getRun(run.runId);
    expect(got.info.runName).toBe('b');
    expect(got.data.tags).toContainEqual({ key: 'mlflow.note.content', value: 'baseline with CSP' });
    expect(got.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'b' });
  });
});

describe('what createRun and setTerminated answer', () => {
  it('is what a later getRun reads back, tags written together with the run (a repeated key keeps its last value)', async () => {
    const created = await fx.tracking.createRun({
      experimentId: '0',
      runName: 'named',
      startTime: 1234,
      tags: [
        { key: 'mlflow.runName', value: 'named' },
        { key: 'lab', value: 'first' },
        { key: 'lab', value: 'second' },
      ],
    });
    expect(created.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(created).toEqual(fx.tracking.getRun(created.runId).info);
    const tags = Object.fromEntries(fx.tracking.getRun(created.runId).data.tags.map((t) => [t.key, t.value]));
    expect(tags).toMatchObject({ 'mlflow.runName': 'named', lab: 'second' });
    const ended = await fx.tracking.setTerminated(created.runId, 'FAILED', 5678);
    expect(ended).toEqual(fx.tracking.getRun(created.runId).info);
    expect(ended).toMatchObject({ status: 'FAILED', endTime: 5678, runName: 'named' });
  });
});
