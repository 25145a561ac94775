import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { tempDir } from '../../support/temp-dir';
import { MODEL_METADATA, MODEL_ONNX } from './support';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function finishedRun(c: Core, accuracy: number): Promise<string> {
  const { runId } = await c.services.tracking.createRun({ experimentId: '0' });
  await c.services.tracking.logMetric(runId, { key: 'accuracy', value: accuracy, timestamp: Date.now(), step: 0 });
  await c.services.tracking.putArtifact(runId, 'trained/model.onnx', fs.readFileSync(MODEL_ONNX));
  await c.services.tracking.putArtifact(runId, 'trained/neuroops.json', JSON.stringify(MODEL_METADATA));
  await c.services.tracking.setTerminated(runId);
  return runId;
}

describe('the registry over the app API', () => {
  it('registers runs as versions, lists models with production metrics, and refuses a stale promotion', async () => {
    core = await createCore({ dataDir: tempDir() });
    const api = core.dispatcher;
    const changed: string[] = [];
    core.events.subscribe((e) => {
      if (e.name === 'registry.changed') changed.push((e.payload as { name: string }).name);
    });

    const first = await api.invoke('registry.createVersion', { name: 'clf', runId: await finishedRun(core, 0.8), artifactPath: 'trained' });
    expect(first).toMatchObject({ name: 'clf', version: 1, artifactPath: 'trained', status: 'READY' });
    await api.invoke('registry.createVersion', { name: 'clf', runId: await finishedRun(core, 0.9), artifactPath: 'trained' });

    const preview = await api.invoke('registry.previewPromotion', { name: 'clf', version: 1 });
    expect(preview).toEqual({ name: 'clf', candidate: { version: 1, runId: first.runId, metrics: { accuracy: 0.8 } }, production: null, gate: null, blocker: null });
    await api.invoke('registry.promote', { name: 'clf', version: 1, reason: 'first', expectedProduction: null });

    // Decided while v1 was production, but someone rolled production forward meanwhile.
    await api.invoke('registry.promote', { name: 'clf', version: 2, reason: 'second', expectedProduction: 1 });
    const stale = await api.call('registry.rollback', { name: 'clf', expectedProduction: 1 }, { transport: 'test' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'RESOURCE_CONFLICT' } });

    const { models } = await api.invoke('registry.listModels', {});
    expect(models).toEqual([expect.objectContaining({ name: 'clf', versionCount: 2, production: { version: 2, runId: expect.any(String), metrics: { accuracy: 0.9 } } })]);
    const empty = await api.call('registry.promote', { name: 'clf', version: 1, reason: '' }, { transport: 'test' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER_VALUE' } });
    expect(new Set(changed)).toEqual(new Set(['clf']));
  });
});
