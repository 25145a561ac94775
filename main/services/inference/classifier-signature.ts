/**
 * What a classifier expects, checked before every run: one float32 input of
 * shape [N, features] (N free), and the feature names in the model's order.
 * A table whose columns are the model's features in another order, or that
 * lacks some, is refused with the names at fault, never silently reordered or
 * zero-filled (the original platform's fault).
 */
import type { InferenceSession } from 'onnxruntime-node';
import { AppError } from '../../core/app-error';

export interface ClassifierSignature {
  input: string;
  featureNames: string[];
  /** The label output (int64 [N]) and the probabilities output (float [N, classes]), when present. */
  labelOutput: string | null;
  probabilitiesOutput: string | null;
}

/** Reads and checks the session's input against the model's feature names. */
export function classifierSignature(session: InferenceSession, featureNames: string[]): ClassifierSignature {
  if (session.inputMetadata.length !== 1) {
    throw new AppError('MODEL_SIGNATURE_MISMATCH', `The model has ${session.inputMetadata.length} inputs (${session.inputNames.join(', ')}); a classifier here takes one float tensor of features.`);
  }
  const meta = session.inputMetadata[0]!;
  if (!meta.isTensor || meta.type !== 'float32') {
    throw new AppError('MODEL_SIGNATURE_MISMATCH', `The model's input "${meta.name}" is ${meta.isTensor ? meta.type : 'not a tensor'}; a classifier here takes a float32 tensor of features.`);
  }
  const shape = meta.shape;
  if (shape.length !== 2) {
    throw new AppError('MODEL_SIGNATURE_MISMATCH', `The model's input "${meta.name}" has ${shape.length} dimensions; a classifier here takes [rows, features].`);
  }
  const width = shape[1];
  if (typeof width === 'number' && width >= 0 && width !== featureNames.length) {
    throw new AppError('MODEL_SIGNATURE_MISMATCH', `The model's input "${meta.name}" takes ${width} features, but ${featureNames.length} feature names are given for it.`);
  }
  const outputs = session.outputMetadata.filter((o) => o.isTensor);
  const label = outputs.find((o) => o.isTensor && (o.type === 'int64' || o.type === 'int32' || o.type === 'string'));
  const probabilities = outputs.find((o) => o.isTensor && (o.type === 'float32' || o.type === 'float64'));
  return { input: meta.name, featureNames, labelOutput: label?.name ?? null, probabilitiesOutput: probabilities?.name ?? null };
}

/** Refuses a table whose columns are not exactly the model's features, in its order. */
export function checkFeatureOrder(signature: ClassifierSignature, columns: readonly string[]): void {
  const expected = signature.featureNames;
  const missing = expected.filter((n) => !columns.includes(n));
  const extra = columns.filter((n) => !expected.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}` : '',
      extra.length > 0 ? `not in the model: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}` : '',
    ].filter(Boolean);
    throw new AppError('FEATURE_MISMATCH', `The features do not match the model's ${expected.length} features (${parts.join('; ')}). Compute them with the model's preprocessing spec.`);
  }
  const at = expected.findIndex((n, i) => columns[i] !== n);
  if (at >= 0) {
    throw new AppError('FEATURE_ORDER_MISMATCH', `Feature ${at + 1} is "${columns[at]}" but the model expects "${expected[at]}" there; pass the columns in the model's order.`);
  }
}
