/** A tensor spec as it appears in an MLflow signature. */
interface TensorSpec {
  name?: string;
  'tensor-spec'?: { dtype: string; shape: number[] };
}

function zeros(shape: readonly number[]): unknown {
  if (shape.length === 0) return 0;
  const [first, ...rest] = shape;
  // A variable dimension (-1, the batch) gets one row.
  return Array.from({ length: first! < 0 ? 1 : first! }, () => zeros(rest));
}

/**
 * An input example in MLflow's tf-serving form, `{"inputs": {"name": [...]}}`: the model
 * directory's own example when it has one, else one row of zeros shaped like each input.
 */
export function inputExampleJson(own: Record<string, unknown> | undefined, signatureInputs: string | undefined): string | null {
  if (own) return JSON.stringify({ inputs: own });
  if (!signatureInputs) return null;
  const specs = JSON.parse(signatureInputs) as TensorSpec[];
  const inputs = Object.fromEntries(specs.filter((s) => s.name && s['tensor-spec']).map((s) => [s.name!, zeros(s['tensor-spec']!.shape)]));
  return JSON.stringify({ inputs });
}
