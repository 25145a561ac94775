/**
 * Imports an ONNX classifier made elsewhere (scikit-learn through skl2onnx,
 * PyTorch…) so it is used like one of ours: it must take one float32 tensor
 * [N, features], and comes with its feature names (a text file, one per line, in
 * input order). The model is opened in onnxruntime and its signature checked
 * first; then a run in "Imported models" gets the model directory (model.onnx,
 * MLmodel with signature and input example, neuroops.json with the feature
 * schema) and the run's model is registered as a new version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { loadOnnxRuntime } from '../../core/onnx-runtime';
import { checkTag } from '../tracking/limits';
import { classifierSignature } from '../inference/classifier-signature';
import { METADATA_FILE, MODEL_FILE } from '../registry/model-metadata';
import { checkModelName } from '../registry/names';
import { describeOnnx } from '../registry/onnx-signature';
import type { BundleDeps } from './bundle-deps';
import { IMPORT_EXPERIMENT, undoImport } from './import-bundle';
import { formatMlmodel } from '../../../pipelines/ml/mlmodel';

export interface ImportedOnnx {
  name: string;
  version: number;
  runId: string;
  features: number;
}

/** Feature names from a text file: one per line, blank lines ignored, each once. */
export function readFeatureNames(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', `Cannot read the feature names file ${file}: ${(error as Error).message}`);
  }
  const names = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (names.length === 0) throw new AppError('INVALID_FEATURES', `${file} lists no feature names; write one name per line, in the model's input order.`);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new AppError('INVALID_FEATURES', `${file} lists the feature "${n}" twice; each feature is one input column.`);
    seen.add(n);
  }
  return names;
}

export async function importOnnxModel(deps: BundleDeps, modelFile: string, featuresFile: string, name: string): Promise<ImportedOnnx> {
  const modelName = checkModelName(name.trim());
  if (!fs.existsSync(modelFile)) throw new AppError('FILE_NOT_FOUND', `There is no ONNX model at ${modelFile}.`);
  const bytes = fs.readFileSync(modelFile);
  const featureNames = readFeatureNames(featuresFile);
  const description = await describeOnnx(bytes);
  const ort = await loadOnnxRuntime();
  const session = await ort.InferenceSession.create(bytes);
  let signature;
  try {
    signature = classifierSignature(session, featureNames);
  } finally {
    await session.release();
  }
  const inputExample = { [signature.input]: [new Array<number>(featureNames.length).fill(0)] };
  const metadata = {
    featureSchema: { input: signature.input, dtype: 'float32', names: featureNames },
    inputExample,
    imported: { file: path.basename(modelFile), labelOutput: signature.labelOutput, probabilitiesOutput: signature.probabilitiesOutput },
  };
  const origin = [{ key: 'neuroops.import.file', value: path.basename(modelFile) }].map(checkTag);
  const createdModel = deps.registry.ensureModel(modelName).created;
  let runId: string | undefined;
  try {
    const experimentId = await deps.tracking.ensureExperiment(IMPORT_EXPERIMENT);
    runId = (await deps.tracking.createRun({ experimentId, runName: `${modelName} (imported ONNX)`, tags: origin })).runId;
    await deps.tracking.putArtifact(runId, `model/${MODEL_FILE}`, bytes);
    const mlmodel = formatMlmodel({
      runId,
      artifactPath: 'model',
      signature: description.signature,
      createdAt: deps.now?.() ?? new Date(),
      hasInputExample: true,
      metadata: { neuroops_features: featureNames.length },
    });
    await deps.tracking.putArtifact(runId, 'model/MLmodel', mlmodel);
    await deps.tracking.putArtifact(runId, `model/${METADATA_FILE}`, JSON.stringify(metadata, null, 2));
    await deps.tracking.putArtifact(runId, 'model/input_example.json', JSON.stringify({ inputs: inputExample }));
    await deps.tracking.setTerminated(runId, 'FINISHED');
    const version = await deps.registry.createVersion({ name: modelName, source: `runs:/${runId}/model`, runId, description: `Imported from ${path.basename(modelFile)}`, tags: origin });
    if (version.status !== 'READY') {
      deps.registry.deleteVersion(modelName, version.version);
      throw new AppError('INVALID_MODEL', `The imported model did not register: ${version.statusMessage}`);
    }
    return { name: modelName, version: version.version, runId, features: featureNames.length };
  } catch (error) {
    await undoImport(deps, runId, createdModel ? modelName : null);
    throw error;
  }
}
