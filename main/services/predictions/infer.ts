/**
 * The model run on the prepared vectors, all in one batch through
 * onnxruntime (main/services/inference: signature and feature-order checks,
 * one session per model kept open by its sha256, so a warm prediction does not
 * load the model again).
 */
import { predictBatch } from '../inference/predict';
import type { OnnxSessionCache } from '../inference/session-cache';
import type { OpenedModel } from './open-model';

export interface ModelOutput {
  label: string;
  probabilities: Record<string, number>;
}

export async function runModel(sessions: OnnxSessionCache, model: OpenedModel, vectors: number[][]): Promise<ModelOutput[]> {
  if (vectors.length === 0) return [];
  const session = await sessions.get(model.onnxSha256, () => model.onnx);
  const names = model.flowModel.featureNames;
  const out = await predictBatch(session, names, { columns: names, rows: vectors });
  const className = (i: number): string => model.classes[i] ?? String(i);
  return vectors.map((_, r) => ({
    label: className(out.labels[r]!),
    probabilities: Object.fromEntries((out.probabilities[r] ?? []).map((p, k) => [className(k), p])),
  }));
}
