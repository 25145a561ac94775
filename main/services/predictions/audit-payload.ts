/**
 * What the audit chain holds for one prediction (docs/audit.md): the input
 * files' sha256 and the recording's entities, the model's name, version and
 * ONNX sha256, the spec hash, the feature vector's hash, the outputs and the
 * warnings. The feature vector's hash is the sha256 of the JSON array of the
 * model's input values in its feature order, so it can be recomputed from the
 * job's results.
 */
import { createHash } from 'node:crypto';
import type { PredictionFlag } from '../../contract/predictions';
import type { RecordingInput } from './validate-upload';

export const PREDICTION_AUDIT_KIND = 'prediction';

export interface PredictionAuditInput {
  jobId: string;
  dataset: { uploadId: string | null; name: string };
  recording: RecordingInput;
  model: { name: string; version: number; onnxSha256: string };
  specHash: string;
  vector: number[];
  label: string;
  probabilities: Record<string, number>;
  quality: unknown;
  warnings: string[];
  flags: PredictionFlag[];
}

export function featureVectorSha256(vector: readonly number[]): string {
  return createHash('sha256').update(JSON.stringify(vector)).digest('hex');
}

export function predictionAuditPayload(p: PredictionAuditInput): Record<string, unknown> {
  return {
    jobId: p.jobId,
    dataset: p.dataset,
    recording: p.recording.path,
    entities: p.recording.entities,
    files: p.recording.files,
    model: p.model,
    specHash: p.specHash,
    featureVectorSha256: featureVectorSha256(p.vector),
    output: { label: p.label, probabilities: p.probabilities, quality: p.quality },
    warnings: [...p.warnings, ...p.flags.map((f) => f.message)],
  };
}
