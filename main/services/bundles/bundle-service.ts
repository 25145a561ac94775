import type { BundleDeps } from './bundle-deps';
import { exportBundle, type ExportedBundle } from './export-bundle';
import { importBundle, type ImportedBundle } from './import-bundle';
import { importOnnxModel, type ImportedOnnx } from './import-onnx';

export type { BundleDeps, ExportedBundle, ImportedBundle, ImportedOnnx };

/** Model bundles: one version to one zip, and a zip back to a new version. */
export interface BundleService {
  exportBundle(name: string, version: number, outFile: string): ExportedBundle;
  importBundle(zipFile: string, options?: { name?: string }): Promise<ImportedBundle>;
  /** An external ONNX classifier (float32 [N, features]) with its feature names file, as a new version of `name`. */
  importOnnx(modelFile: string, featuresFile: string, name: string): Promise<ImportedOnnx>;
}

export function createBundleService(deps: BundleDeps): BundleService {
  return {
    exportBundle: (name, version, outFile) => exportBundle(deps, name, version, outFile),
    importBundle: (zipFile, options) => importBundle(deps, zipFile, options),
    importOnnx: (modelFile, featuresFile, name) => importOnnxModel(deps, modelFile, featuresFile, name),
  };
}
