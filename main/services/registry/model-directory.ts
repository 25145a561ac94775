import type { TrackingService } from '../tracking/tracking-service';
import { specHash } from './canonical-json';
import { METADATA_FILE, MODEL_FILE, readModelMetadata } from './model-metadata';
import type { ModelLocation } from './model-source';
import { describeOnnx } from './onnx-signature';
import type { VersionStatus } from './types';

/** The part of the tracker the registry reads: runs, their metrics and their artifacts. */
export type RunReader = Pick<TrackingService, 'getRun' | 'listArtifacts' | 'openArtifact'>;

export interface ModelDirectoryFacts {
  status: VersionStatus;
  statusMessage: string;
  signature: { inputs: string; outputs: string } | null;
  specHash: string | null;
  modelSha256: string | null;
}

const joinPath = (folder: string, file: string): string => (folder ? `${folder}/${file}` : file);

/**
 * Reads what a new version registers from its model directory: the ONNX model's hash and
 * signature (opening it with onnxruntime proves it loads) and the spec hash from
 * neuroops.json. A directory without model.onnx (a model logged by another MLflow flavor)
 * registers as it is; one whose model.onnx or neuroops.json is broken registers as
 * FAILED_REGISTRATION with the reason, so it can be seen but never promoted.
 */
export async function inspectModelDirectory(runs: RunReader, location: ModelLocation): Promise<ModelDirectoryFacts> {
  const facts: ModelDirectoryFacts = { status: 'READY', statusMessage: '', signature: null, specHash: null, modelSha256: null };
  const names = new Set(runs.listArtifacts(location.runId, location.artifactPath).map((e) => e.path));
  try {
    if (names.has(joinPath(location.artifactPath, MODEL_FILE))) {
      const model = runs.openArtifact(location.runId, joinPath(location.artifactPath, MODEL_FILE));
      facts.modelSha256 = model.sha256;
      facts.signature = (await describeOnnx(model.file)).signature;
    }
    if (names.has(joinPath(location.artifactPath, METADATA_FILE))) {
      const file = runs.openArtifact(location.runId, joinPath(location.artifactPath, METADATA_FILE)).file;
      const metadata = readModelMetadata(file, `${location.artifactPath}/${METADATA_FILE}`);
      if (metadata.preprocessing !== undefined) facts.specHash = specHash(metadata.preprocessing);
    }
  } catch (error) {
    return { ...facts, status: 'FAILED_REGISTRATION', statusMessage: (error as Error).message };
  }
  return facts;
}
