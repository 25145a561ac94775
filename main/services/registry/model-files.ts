import fs from 'node:fs';
import { AppError } from '../../core/app-error';
import { sha256Hex } from './canonical-json';
import type { RunReader } from './model-directory';
import { METADATA_FILE, MODEL_FILE, parseModelMetadata, type ModelMetadata } from './model-metadata';
import type { ModelVersion } from './types';

/** What it takes to use a version: its ONNX bytes, checked against the registered hash, and its metadata. */
export interface ModelFiles {
  version: ModelVersion;
  /** The blob on disk (read it, never write it: other runs may share it). */
  modelFile: string;
  model: Buffer;
  metadata: ModelMetadata;
}

function readIfPresent(runs: RunReader, runId: string, folder: string, file: string): { path: string; data: Buffer } | null {
  const artifactPath = folder ? `${folder}/${file}` : file;
  if (!runs.listArtifacts(runId, folder).some((e) => e.path === artifactPath && !e.isDir)) return null;
  const opened = runs.openArtifact(runId, artifactPath);
  return { path: opened.file, data: fs.readFileSync(opened.file) };
}

/**
 * Reads a version's model directory for use (bundles, predictions). Refuses a version
 * with no ONNX model in this tracker, and one whose model.onnx no longer has the hash it
 * was registered with.
 */
export function readModelFiles(runs: RunReader, version: ModelVersion): ModelFiles {
  const label = `Version ${version.version} of ${version.name}`;
  if (!version.runId || version.artifactPath === null) {
    throw new AppError('INVALID_PARAMETER_VALUE', `${label} has no model directory in this tracker (its source is ${version.source}); only versions registered from a run can be used here.`);
  }
  const model = readIfPresent(runs, version.runId, version.artifactPath, MODEL_FILE);
  if (!model) throw new AppError('INVALID_PARAMETER_VALUE', `${label} has no ${MODEL_FILE} in run ${version.runId} at "${version.artifactPath}"; only ONNX models can be used here.`);
  if (version.modelSha256 && sha256Hex(model.data) !== version.modelSha256) {
    throw new AppError('CHECKSUM_MISMATCH', `${MODEL_FILE} of ${label.toLowerCase()} has changed since it was registered; register the run's model again as a new version.`);
  }
  const metadata = readIfPresent(runs, version.runId, version.artifactPath, METADATA_FILE);
  return {
    version,
    modelFile: model.path,
    model: model.data,
    metadata: metadata ? parseModelMetadata(metadata.data.toString('utf8'), `${version.artifactPath}/${METADATA_FILE}`) : {},
  };
}
