import crypto from 'node:crypto';

export interface MlmodelInput {
  runId: string | null;
  artifactPath: string;
  signature: { inputs: string; outputs: string } | null;
  createdAt: Date;
  hasInputExample: boolean;
  metadata: Record<string, string | number>;
}

// JSON strings are valid YAML scalars, which spares a YAML library and any quoting doubt.
const q = (value: string): string => JSON.stringify(value);

/** MLflow's `utc_time_created` format: "2024-01-31 12:34:56.789000". */
function mlflowTime(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`;
}

/**
 * The MLmodel file of an ONNX model directory, with the fields `mlflow.onnx.load_model`
 * and `mlflow.pyfunc.load_model` read: the `onnx` flavor (data, providers), the
 * `python_function` flavor pointing at mlflow.onnx, the signature and the input example.
 * The training flow writes it into the model directory it logs; bundle export too.
 */
export function formatMlmodel(input: MlmodelInput): string {
  const lines = [
    `artifact_path: ${q(input.artifactPath)}`,
    'flavors:',
    '  onnx:',
    '    code: null',
    `    data: ${q('model.onnx')}`,
    '    providers:',
    '    - CPUExecutionProvider',
    '  python_function:',
    `    data: ${q('model.onnx')}`,
    '    loader_module: mlflow.onnx',
    'metadata:',
    ...Object.entries(input.metadata).map(([key, value]) => `  ${key}: ${typeof value === 'number' ? value : q(value)}`),
    `model_uuid: ${q(crypto.randomUUID().replace(/-/g, ''))}`,
    ...(input.runId ? [`run_id: ${q(input.runId)}`] : []),
  ];
  if (input.hasInputExample) {
    lines.push('saved_input_example_info:', `  artifact_path: ${q('input_example.json')}`, '  format: tf-serving', '  type: ndarray');
  }
  if (input.signature) {
    lines.push('signature:', `  inputs: ${q(input.signature.inputs)}`, `  outputs: ${q(input.signature.outputs)}`, '  params: null');
  }
  lines.push(`utc_time_created: ${q(mlflowTime(input.createdAt))}`);
  return `${lines.join('\n')}\n`;
}
