/**
 * Batch inference with a classifier ONNX model: the signature is checked before
 * every run (feature names and order, float32 [N, features]), rows go in as one
 * float32 tensor, and each row's label and class probabilities come out.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { AppError } from '../../core/app-error';
import { loadOnnxRuntime } from '../../core/onnx-runtime';
import { checkFeatureOrder, classifierSignature } from './classifier-signature';

export interface FeatureBatch {
  /** Column names, in the order of each row's values. */
  columns: readonly string[];
  rows: ReadonlyArray<ArrayLike<number>>;
}

export interface Predictions {
  labels: number[];
  /** Per row, the probability of each class (empty when the model gives none). */
  probabilities: number[][];
}

export async function predictBatch(session: InferenceSession, modelFeatures: string[], batch: FeatureBatch): Promise<Predictions> {
  const signature = classifierSignature(session, modelFeatures);
  checkFeatureOrder(signature, batch.columns);
  const cols = modelFeatures.length;
  const data = new Float32Array(batch.rows.length * cols);
  batch.rows.forEach((row, r) => {
    if (row.length !== cols) throw new AppError('FEATURE_MISMATCH', `Row ${r + 1} has ${row.length} values; the model takes ${cols} features.`);
    for (let c = 0; c < cols; c++) {
      const v = row[c]!;
      if (!Number.isFinite(v)) throw new AppError('FEATURE_MISMATCH', `Feature "${modelFeatures[c]}" of row ${r + 1} is not a finite number.`);
      data[r * cols + c] = v;
    }
  });
  if (batch.rows.length === 0) return { labels: [], probabilities: [] };
  const ort = await loadOnnxRuntime();
  const out = await session.run({ [signature.input]: new ort.Tensor('float32', data, [batch.rows.length, cols]) });
  const labels = signature.labelOutput ? Array.from(out[signature.labelOutput]!.data as ArrayLike<number | bigint>, Number) : [];
  const probabilities: number[][] = [];
  if (signature.probabilitiesOutput) {
    const p = out[signature.probabilitiesOutput]!;
    const k = p.dims[1] ?? 1;
    const values = p.data as Float32Array;
    for (let r = 0; r < batch.rows.length; r++) probabilities.push(Array.from(values.subarray(r * k, (r + 1) * k)));
  }
  if (labels.length === 0 && probabilities.length > 0) {
    for (const row of probabilities) labels.push(row.indexOf(Math.max(...row)));
  }
  return { labels, probabilities };
}
