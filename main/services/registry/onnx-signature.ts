import type { InferenceSession } from 'onnxruntime-node';
import { AppError } from '../../core/app-error';
import { loadOnnxRuntime } from '../../core/onnx-runtime';

/** MLflow's tensor spec, as MLflow writes it into a model signature. */
interface TensorSpec {
  type: 'tensor';
  name: string;
  'tensor-spec': { dtype: string; shape: number[] };
}

// onnxruntime's element types by the numpy dtype names MLflow uses.
const DTYPES: Record<string, string> = { float32: 'float32', float64: 'float64', float16: 'float16', int8: 'int8', uint8: 'uint8', int16: 'int16', uint16: 'uint16', int32: 'int32', uint32: 'uint32', int64: 'int64', uint64: 'uint64', bool: 'bool', string: 'str' };

function specOf(meta: InferenceSession.ValueMetadata): TensorSpec {
  if (!meta.isTensor) throw new AppError('INVALID_MODEL', `ONNX value "${meta.name}" is not a tensor; only tensor inputs and outputs are supported.`);
  // A symbolic dimension ("batch") is a variable one, -1 in MLflow's specs.
  const shape = meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1));
  return { type: 'tensor', name: meta.name, 'tensor-spec': { dtype: DTYPES[meta.type] ?? meta.type, shape } };
}

export interface OnnxDescription {
  signature: { inputs: string; outputs: string };
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

/**
 * Opens an ONNX model with onnxruntime-node, which proves it loads, and describes its
 * inputs and outputs as an MLflow signature. A file that does not load is INVALID_MODEL.
 */
export async function describeOnnx(model: string | Uint8Array): Promise<OnnxDescription> {
  const ort = await loadOnnxRuntime();
  let session: InferenceSession;
  try {
    session = typeof model === 'string' ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
  } catch (error) {
    throw new AppError('INVALID_MODEL', `The ONNX model does not load in onnxruntime: ${(error as Error).message}`);
  }
  try {
    const inputs = session.inputMetadata.map(specOf);
    const outputs = session.outputMetadata.map(specOf);
    return { inputs, outputs, signature: { inputs: JSON.stringify(inputs), outputs: JSON.stringify(outputs) } };
  } finally {
    await session.release();
  }
}
