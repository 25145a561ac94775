import { z } from 'zod';

/**
 * A model bundle: one zip whose root is an MLflow model directory (so, unzipped,
 * `mlflow.onnx.load_model(folder)` loads it) plus NeuroOps's own manifest, a README and
 * the checksums of every other file.
 *
 * The format version goes up whenever a reader of the previous version would misread a
 * bundle; a bundle from a newer format is refused rather than half-understood.
 */
export const BUNDLE_FORMAT_VERSION = 1;

export const BUNDLE_FILES = {
  mlmodel: 'MLmodel',
  model: 'model.onnx',
  inputExample: 'input_example.json',
  manifest: 'neuroops.json',
  readme: 'README.md',
  checksums: 'checksums.sha256',
} as const;

/** Files a bundle must hold; anything else in it is refused as foreign. */
export const REQUIRED_FILES: readonly string[] = Object.values(BUNDLE_FILES);

const signature = z.object({ inputs: z.string(), outputs: z.string() });
const keyValue = z.object({ key: z.string(), value: z.string() });

export const manifestSchema = z.object({
  bundleFormatVersion: z.number().int().positive(),
  appVersion: z.string(),
  exportedAt: z.string(),
  model: z.object({
    name: z.string().min(1),
    version: z.number().int().positive(),
    description: z.string(),
    tags: z.array(keyValue),
    signature: signature.nullable(),
    specHash: z.string().nullable(),
    modelSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  preprocessing: z.unknown().optional(),
  featureSchema: z.unknown().optional(),
  classes: z.array(z.string()).optional(),
  harmonization: z.unknown().optional(),
  inputExample: z.record(z.string(), z.unknown()).optional(),
  training: z
    .object({
      runId: z.string(),
      runName: z.string(),
      params: z.record(z.string(), z.string()),
      metrics: z.record(z.string(), z.number()),
    })
    .nullable(),
});

export type BundleManifest = z.output<typeof manifestSchema>;

/** The model metadata (model directory's neuroops.json) carried inside a manifest. */
export function metadataOf(manifest: BundleManifest): Record<string, unknown> {
  const { preprocessing, featureSchema, classes, harmonization, inputExample } = manifest;
  return Object.fromEntries(Object.entries({ preprocessing, featureSchema, classes, harmonization, inputExample }).filter(([, v]) => v !== undefined));
}
