import fs from 'node:fs';
import { createCore } from '../../../main/app/core';
import { MODEL_METADATA, MODEL_ONNX } from './support';

/**
 * Fills a data folder the way a user would: model "clf" with one version per accuracy,
 * each from a finished run, and `promoted` (if any) in production. The core is closed
 * afterwards, so other processes can open the folder.
 */
export async function openRegistrySeed(dataDir: string, accuracies: number[], promoted?: number): Promise<void> {
  const core = await createCore({ dataDir });
  try {
    const { tracking, registry } = core.services;
    registry.createModel({ name: 'clf' });
    for (const accuracy of accuracies) {
      const { runId } = await tracking.createRun({ experimentId: '0' });
      await tracking.logMetric(runId, { key: 'accuracy', value: accuracy, timestamp: Date.now(), step: 0 });
      await tracking.putArtifact(runId, 'model/model.onnx', fs.readFileSync(MODEL_ONNX));
      await tracking.putArtifact(runId, 'model/neuroops.json', JSON.stringify(MODEL_METADATA));
      await tracking.setTerminated(runId);
      await registry.createVersion({ name: 'clf', source: `runs:/${runId}/model` });
    }
    if (promoted) registry.promote({ name: 'clf', version: promoted, reason: 'seed' });
  } finally {
    await core.close();
  }
}
