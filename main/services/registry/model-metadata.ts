import fs from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../core/app-error';
import { describeZodError } from '../../core/error-body';

/**
 * `neuroops.json` inside a model directory: what a trained model needs besides its
 * weights to be used again (the training flow writes it next to model.onnx). Every field
 * is optional so models logged by plain MLflow scripts still register.
 */
export const MODEL_FILE = 'model.onnx';
export const METADATA_FILE = 'neuroops.json';

export const modelMetadataSchema = z.looseObject({
  /** The preprocessing spec the model was trained on; its canonical hash is the version's spec hash. */
  preprocessing: z.unknown().optional(),
  /** The features the model expects, in order. */
  featureSchema: z.unknown().optional(),
  classes: z.array(z.string()).optional(),
  /** Parameters of cross-site harmonization, when the training data were harmonized. */
  harmonization: z.unknown().optional(),
  /** One input the model accepts, as named tensors: `{"features": [[...]]}`. */
  inputExample: z.record(z.string(), z.unknown()).optional(),
});

export type ModelMetadata = z.output<typeof modelMetadataSchema>;

export function parseModelMetadata(text: string, where: string): ModelMetadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('INVALID_MODEL', `${where} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = modelMetadataSchema.safeParse(json);
  if (!parsed.success) throw new AppError('INVALID_MODEL', `${where} does not describe a model: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export function readModelMetadata(file: string, where: string): ModelMetadata {
  return parseModelMetadata(fs.readFileSync(file, 'utf8'), where);
}
