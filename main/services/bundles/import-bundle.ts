import { AppError } from '../../core/app-error';
import { checkMetric, checkParam, checkTag } from '../tracking/limits';
import { checkModelName } from '../registry/names';
import { METADATA_FILE } from '../registry/model-metadata';
import { BUNDLE_FILES, metadataOf, type BundleManifest } from './bundle-format';
import type { BundleDeps } from './bundle-deps';
import { readBundle } from './read-bundle';

export const IMPORT_EXPERIMENT = 'Imported models';

export interface ImportedBundle {
  name: string;
  version: number;
  runId: string;
  /** The version number the model had where it was exported. */
  originalVersion: number;
}

/** The training summary as it will be logged, checked before anything is written. */
function trainingBatch(manifest: BundleManifest) {
  const params = Object.entries(manifest.training?.params ?? {}).map(([key, value]) => checkParam({ key, value }));
  const at = Date.parse(manifest.exportedAt) || Date.now();
  const metrics = Object.entries(manifest.training?.metrics ?? {}).map(([key, value]) => checkMetric({ key, value, timestamp: at, step: 0 }));
  return { params, metrics };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Imports a bundle as a new version. The bundle is checked whole first (readBundle);
 * only then is anything written: a run in the "Imported models" experiment holding the
 * model directory and the training run's params and metrics, then the version. If a
 * write still fails, what was written is undone, so nothing is left half-registered.
 */
export async function importBundle(deps: BundleDeps, zipFile: string, options: { name?: string } = {}): Promise<ImportedBundle> {
  const { manifest, files } = await readBundle(zipFile, deps.workDir);
  const name = checkModelName(options.name?.trim() || manifest.model.name);
  const { params, metrics } = trainingBatch(manifest);
  const origin = [
    { key: 'neuroops.bundle.model', value: manifest.model.name },
    { key: 'neuroops.bundle.version', value: String(manifest.model.version) },
    { key: 'neuroops.bundle.exported_at', value: manifest.exportedAt },
    { key: 'neuroops.bundle.app_version', value: manifest.appVersion },
  ];
  const versionTags = [...manifest.model.tags, ...origin].map(checkTag);
  const runTags = [...origin, ...(manifest.training ? [{ key: 'neuroops.bundle.training_run', value: manifest.training.runId }] : [])].map(checkTag);

  const createdModel = deps.registry.ensureModel(name).created;
  let runId: string | undefined;
  try {
    const experimentId = await deps.tracking.ensureExperiment(IMPORT_EXPERIMENT);
    runId = (await deps.tracking.createRun({ experimentId, runName: `${manifest.model.name} v${manifest.model.version} (imported)`, tags: runTags })).runId;
    for (const batch of chunks(params, 100)) await deps.tracking.logBatch(runId, { params: batch });
    for (const batch of chunks(metrics, 1000)) await deps.tracking.logBatch(runId, { metrics: batch });
    await deps.tracking.putArtifact(runId, `model/${BUNDLE_FILES.model}`, files.get(BUNDLE_FILES.model)!);
    await deps.tracking.putArtifact(runId, `model/${BUNDLE_FILES.mlmodel}`, files.get(BUNDLE_FILES.mlmodel)!);
    await deps.tracking.putArtifact(runId, `model/${METADATA_FILE}`, JSON.stringify(metadataOf(manifest), null, 2));
    const example = files.get(BUNDLE_FILES.inputExample);
    if (example) await deps.tracking.putArtifact(runId, `model/${BUNDLE_FILES.inputExample}`, example);
    await deps.tracking.setTerminated(runId, 'FINISHED');
    const version = await deps.registry.createVersion({ name, source: `runs:/${runId}/model`, runId, description: manifest.model.description, tags: versionTags });
    if (version.status !== 'READY') {
      deps.registry.deleteVersion(name, version.version);
      throw new AppError('INVALID_MODEL', `The imported model did not register: ${version.statusMessage}`);
    }
    return { name, version: version.version, runId, originalVersion: manifest.model.version };
  } catch (error) {
    await undoImport(deps, runId, createdModel ? name : null);
    throw error;
  }
}

/** Takes back a failed import: its run, and the model when the import created it. */
export async function undoImport(deps: BundleDeps, runId: string | undefined, createdModel: string | null): Promise<void> {
  if (runId) await deps.tracking.deleteRun(runId).catch(() => undefined);
  if (createdModel) {
    try {
      deps.registry.deleteModel(createdModel);
    } catch {
      // Someone added a version meanwhile: the model is theirs to keep.
    }
  }
}
