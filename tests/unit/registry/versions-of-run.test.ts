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

async function runWithModel(c: Core): Promise<string> {
  const { runId } = await c.services.tracking.createRun({ experimentId: '0' });
  await c.services.tracking.putArtifact(runId, 'model/model.onnx', fs.readFileSync(MODEL_ONNX));
  await c.services.tracking.putArtifact(runId, 'model/neuroops.json', JSON.stringify(MODEL_METADATA));
  return runId;
}

describe('registry.versionsOfRun', () => {
  it('lists the versions registered from one run, under every model, newest first, and none from other runs', async () => {
    core = await createCore({ dataDir: tempDir() });
    const api = core.dispatcher;
    const source = await runWithModel(core);
    const other = await runWithModel(core);
    await api.invoke('registry.createVersion', { name: 'clf', runId: source, artifactPath: 'model' });
    await api.invoke('registry.createVersion', { name: 'clf', runId: other, artifactPath: 'model' });
    await api.invoke('registry.createVersion', { name: 'clf-copy', runId: source, artifactPath: 'model' });

    const { versions } = await api.invoke('registry.versionsOfRun', { runId: source });
    expect(versions.map((v) => `${v.name} v${v.version}`).sort()).toEqual(['clf v1', 'clf-copy v1']);
    expect(versions.every((v) => v.runId === source)).toBe(true);
    expect((await api.invoke('registry.versionsOfRun', { runId: 'no-such-run' })).versions).toEqual([]);
    // A quote could escape the filter's string: the contract refuses it before the handler runs.
    const refused = await api.call('registry.versionsOfRun', { runId: "x' OR name LIKE '%" }, { transport: 'cli' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER_VALUE' } });
  });
});
