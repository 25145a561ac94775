import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type AdmZipType from 'adm-zip';
import { sha256Hex } from '../registry/canonical-json';
import { readModelFiles } from '../registry/model-files';
import { BUNDLE_FILES, BUNDLE_FORMAT_VERSION, type BundleManifest } from './bundle-format';
import type { BundleDeps } from './bundle-deps';
import { formatChecksums } from './checksums';
import { inputExampleJson } from './input-example';
import { formatMlmodel } from '../../../pipelines/ml/mlmodel';
import { formatReadme } from './readme';

// Loaded when a bundle is written, not with the core: every command would pay for it.
const loadAdmZip = (): typeof AdmZipType => createRequire(import.meta.url)('adm-zip') as typeof AdmZipType;

export interface ExportedBundle {
  file: string;
  bytes: number;
  sha256: string;
}

/** Every file of the bundle but the checksum list, by name. */
export function bundleFiles(deps: BundleDeps, name: string, versionNumber: number): { files: Map<string, Buffer>; manifest: BundleManifest } {
  const { version, model, metadata } = readModelFiles(deps.tracking, deps.registry.getVersion(name, versionNumber));
  const runId = version.runId!;
  const artifactPath = version.artifactPath!;
  const run = deps.tracking.getRun(runId);
  const exportedAt = (deps.now?.() ?? new Date()).toISOString();
  const manifest: BundleManifest = {
    bundleFormatVersion: BUNDLE_FORMAT_VERSION,
    appVersion: deps.appVersion,
    exportedAt,
    model: {
      name: version.name,
      version: version.version,
      description: version.description,
      tags: version.tags,
      signature: version.signature,
      specHash: version.specHash,
      modelSha256: sha256Hex(model),
    },
    ...metadata,
    training: {
      runId,
      runName: run.info.runName,
      params: Object.fromEntries(run.data.params.map((p) => [p.key, p.value])),
      metrics: Object.fromEntries(run.data.metrics.filter((m) => Number.isFinite(m.value)).map((m) => [m.key, m.value])),
    },
  };
  const example = inputExampleJson(metadata.inputExample, version.signature?.inputs);
  const files = new Map<string, Buffer>([
    [BUNDLE_FILES.model, model],
    [BUNDLE_FILES.manifest, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
    [BUNDLE_FILES.readme, Buffer.from(formatReadme(manifest))],
  ]);
  if (example) files.set(BUNDLE_FILES.inputExample, Buffer.from(example));
  files.set(
    BUNDLE_FILES.mlmodel,
    Buffer.from(
      formatMlmodel({
        runId,
        artifactPath: artifactPath || 'model',
        signature: version.signature,
        createdAt: new Date(exportedAt),
        hasInputExample: example !== null,
        metadata: { neuroops_model: version.name, neuroops_version: version.version, neuroops_bundle_format: BUNDLE_FORMAT_VERSION },
      }),
    ),
  );
  return { files, manifest };
}

/** Writes the bundle of one version to `outFile`, whole or not at all (a temporary file renamed into place). */
export function exportBundle(deps: BundleDeps, name: string, version: number, outFile: string): ExportedBundle {
  const { files } = bundleFiles(deps, name, version);
  const AdmZip = loadAdmZip();
  const zip = new AdmZip();
  for (const [file, data] of files) zip.addFile(file, data);
  zip.addFile(BUNDLE_FILES.checksums, Buffer.from(formatChecksums(files)));
  const data = zip.toBuffer();
  const target = path.resolve(outFile);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${crypto.randomUUID()}.part`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { file: target, bytes: data.length, sha256: sha256Hex(data) };
}
