/**
 * A resolved version opened for prediction: its ONNX bytes (checked against the
 * registered hash by registry.openModel) and what neuroops.json says the flow
 * needs. A version without a preprocessing spec or a feature schema cannot be
 * used: its features could not be made the way it was trained on.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/app-error';
import { predictModelSchema, type PredictModel } from '../../../pipelines/flows/predict/model-input';
import type { RegistryService } from '../registry/registry-service';
import type { ModelVersion } from '../registry/types';

export interface OpenedModel {
  version: ModelVersion;
  onnx: Buffer;
  onnxSha256: string;
  classes: string[];
  flowModel: PredictModel;
}

interface StoredMetadata {
  preprocessing?: unknown;
  specHash?: string | null;
  featureSchema?: { features?: Array<{ name?: unknown }> };
  classes?: string[];
  harmonization?: unknown;
  trainingStats?: { features?: unknown };
}

export function openModelForPrediction(registry: RegistryService, version: ModelVersion): OpenedModel {
  const files = registry.openModel(version.name, version.version);
  const meta = files.metadata as StoredMetadata;
  const label = `Version ${version.version} of ${version.name}`;
  if (meta.preprocessing === undefined || !version.specHash) {
    throw new AppError('INVALID_MODEL', `${label} carries no preprocessing spec, so NeuroOps cannot compute its features the way it was trained; predict with a model trained by NeuroOps (\`neuroops train\`).`);
  }
  const featureNames = (meta.featureSchema?.features ?? []).map((f) => f.name).filter((n): n is string => typeof n === 'string');
  const parsed = predictModelSchema.safeParse({
    name: version.name,
    version: version.version,
    spec: meta.preprocessing,
    specHash: version.specHash,
    featureNames,
    harmonization: meta.harmonization ?? null,
    trainingStats: meta.trainingStats?.features ?? [],
  });
  if (!parsed.success) throw new AppError('INVALID_MODEL', `${label} does not describe its features fully (neuroops.json: feature schema, training statistics); it cannot be used for predictions.`);
  return { version, onnx: files.model, onnxSha256: version.modelSha256 ?? createHash('sha256').update(files.model).digest('hex'), classes: meta.classes ?? [], flowModel: parsed.data };
}
