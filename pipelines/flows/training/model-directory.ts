/**
 * The files of the MLflow model directory the training flow logs (artifact path
 * `model/`), so `mlflow.onnx.load_model` and `mlflow.pyfunc.load_model` open it
 * after a sync, and NeuroOps's registry and prediction find what they need:
 *
 *   model.onnx          the classifier (features float32 [N, F] → label, probabilities)
 *   MLmodel             onnx + python_function flavors, signature, input example
 *   input_example.json  one training row, in MLflow's tf-serving form
 *   neuroops.json       preprocessing spec, feature schema, classes, harmonization
 *                       parameters, training feature statistics, the model's type and
 *                       hyper-parameters (main/services/registry/model-metadata.ts)
 */
import { formatMlmodel } from '../../ml/mlmodel';
import { ONNX_INPUT, ONNX_LABEL, ONNX_PROBABILITIES } from '../../ml/onnx';
import type { PreprocessingSpec } from '../../preprocess/spec';
import type { FeatureStats } from './feature-stats';

export const MODEL_ARTIFACT_PATH = 'model';

export interface ModelDirectoryInput {
  onnx: Uint8Array;
  featureNames: string[];
  classes: string[];
  spec: PreprocessingSpec | null;
  specHash: string | null;
  harmonization: unknown;
  /** Statistics of the training rows (after harmonization), and how many rows they describe. */
  stats: FeatureStats[];
  trainRows: number;
  /** One training row, as the model's input example. */
  exampleRow: number[];
  model: { type: string; params: Record<string, unknown> };
  createdAt: Date;
}

/** The MLflow signature of every classifier NeuroOps exports, as describeOnnx reads it back. */
export function classifierSignature(nFeatures: number, nClasses: number): { inputs: string; outputs: string } {
  const tensor = (name: string, dtype: string, shape: number[]) => ({ type: 'tensor', name, 'tensor-spec': { dtype, shape } });
  return {
    inputs: JSON.stringify([tensor(ONNX_INPUT, 'float32', [-1, nFeatures])]),
    outputs: JSON.stringify([tensor(ONNX_LABEL, 'int64', [-1]), tensor(ONNX_PROBABILITIES, 'float32', [-1, nClasses])]),
  };
}

export function modelDirectoryFiles(input: ModelDirectoryInput): Array<[string, Uint8Array]> {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const inputExample = { [ONNX_INPUT]: [input.exampleRow] };
  const metadata = {
    preprocessing: input.spec ?? undefined,
    specHash: input.specHash,
    featureSchema: {
      input: ONNX_INPUT,
      dtype: 'float32',
      // Relative band powers are fractions of the total power: no unit.
      features: input.featureNames.map((name, index) => ({ index, name, unit: name.startsWith('power_') ? 'relative power' : null })),
    },
    classes: input.classes,
    harmonization: input.harmonization ?? null,
    trainingStats: { rows: input.trainRows, features: input.stats },
    inputExample,
    model: input.model,
  };
  const mlmodel = formatMlmodel({
    runId: null,
    artifactPath: MODEL_ARTIFACT_PATH,
    signature: classifierSignature(input.featureNames.length, input.classes.length),
    createdAt: input.createdAt,
    hasInputExample: true,
    metadata: { neuroops_model_type: input.model.type, ...(input.specHash ? { neuroops_spec_hash: input.specHash } : {}) },
  });
  return [
    ['model.onnx', input.onnx],
    ['MLmodel', text(mlmodel)],
    ['input_example.json', text(JSON.stringify({ inputs: inputExample }))],
    ['neuroops.json', text(`${JSON.stringify(metadata, null, 2)}\n`)],
  ];
}
