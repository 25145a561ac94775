import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistryService } from '../../../main/services/registry/create-registry-service';
import type { RegistryService } from '../../../main/services/registry/registry-service';
import type { RunStatus } from '../../../main/services/tracking/types';
import { openTracking, type TrackingFixture } from '../tracking/support';

export { errorCodeOf } from '../tracking/support';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'registry');
export const MODEL_ONNX = path.join(FIXTURES, 'classifier.onnx');
export const MODEL_FACTS = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'classifier.json'), 'utf8')) as {
  features: string[];
  classes: string[];
  sample: number[][];
};

/** The model directory a training run leaves: model.onnx and its neuroops.json. */
export const MODEL_METADATA = {
  preprocessing: { bandpass: [1, 40], notch: 50, resample: 128, epochs: { length: 2, overlap: 0 } },
  featureSchema: MODEL_FACTS.features.map((name) => ({ name, dtype: 'float32' })),
  classes: MODEL_FACTS.classes,
  harmonization: null,
  inputExample: { features: [MODEL_FACTS.sample[0]] },
};

export interface RegistryFixture extends TrackingFixture {
  registry: RegistryService;
  /** A run with these metrics and a model directory at `model/`, ended with `status`. */
  trainedRun(metrics: Record<string, number>, status?: RunStatus): Promise<string>;
  /** Registers a new version of `name` (created if needed) from a trained run. */
  registerVersion(name: string, metrics: Record<string, number>, status?: RunStatus): Promise<number>;
}

export function openRegistry(options: { actor?: string } = {}): RegistryFixture {
  const fx = openTracking();
  const registry = createRegistryService({ db: fx.db, runs: fx.tracking, defaultActor: options.actor ?? 'tester' });
  const trainedRun = async (metrics: Record<string, number>, status: RunStatus = 'FINISHED'): Promise<string> => {
    const { runId } = await fx.tracking.createRun({ experimentId: '0', runName: 'train' });
    await fx.tracking.logBatch(runId, {
      metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, timestamp: Date.now(), step: 0 })),
      params: [{ key: 'classifier', value: 'logreg' }],
    });
    await fx.tracking.putArtifact(runId, 'model/model.onnx', fs.readFileSync(MODEL_ONNX));
    await fx.tracking.putArtifact(runId, 'model/neuroops.json', JSON.stringify(MODEL_METADATA));
    await fx.tracking.setTerminated(runId, status);
    return runId;
  };
  return {
    ...fx,
    registry,
    trainedRun,
    async registerVersion(name, metrics, status) {
      const runId = await trainedRun(metrics, status);
      registry.ensureModel(name);
      return (await registry.createVersion({ name, source: `runs:/${runId}/model`, runId })).version;
    },
  };
}
