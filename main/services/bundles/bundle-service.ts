import type { BundleDeps } from './bundle-deps';
import { exportBundle, type ExportedBundle } from './export-bundle';
import { importBundle, type ImportedBundle } from './import-bundle';

export type { BundleDeps, ExportedBundle, ImportedBundle };

/** Model bundles: one version to one zip, and a zip back to a new version. */
export interface BundleService {
  exportBundle(name: string, version: number, outFile: string): ExportedBundle;
  importBundle(zipFile: string, options?: { name?: string }): Promise<ImportedBundle>;
}

export function createBundleService(deps: BundleDeps): BundleService {
  return {
    exportBundle: (name, version, outFile) => exportBundle(deps, name, version, outFile),
    importBundle: (zipFile, options) => importBundle(deps, zipFile, options),
  };
}
