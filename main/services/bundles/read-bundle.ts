import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { describeZodError } from '../../core/error-body';
import { extractZip } from '../../../pipelines/zip';
import { describeOnnx } from '../registry/onnx-signature';
import { BUNDLE_FILES, BUNDLE_FORMAT_VERSION, manifestSchema, REQUIRED_FILES, type BundleManifest } from './bundle-format';
import { parseChecksums, verifyChecksums } from './checksums';
import { bundleScratchPath } from './scratch-name';

/** A model bundle is a handful of small files: anything bigger or busier is not one. */
const BUNDLE_ZIP_LIMITS = { maxEntries: 32, maxTotalBytes: 2 * 1024 ** 3 };

export interface CheckedBundle {
  manifest: BundleManifest;
  /** Every file but checksums.sha256, verified against it. */
  files: Map<string, Buffer>;
  signature: { inputs: string; outputs: string };
}

function readManifestVersion(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('INVALID_BUNDLE', `neuroops.json is not valid JSON (${(error as Error).message}); the bundle is damaged.`);
  }
}

/** Refuses a bundle written in a newer format before reading anything else of it. */
function checkFormatVersion(json: unknown): void {
  const version = (json as { bundleFormatVersion?: unknown } | null)?.bundleFormatVersion;
  if (typeof version !== 'number') throw new AppError('INVALID_BUNDLE', 'neuroops.json has no bundleFormatVersion: this zip is not a NeuroOps model bundle.');
  if (version > BUNDLE_FORMAT_VERSION) {
    throw new AppError(
      'BUNDLE_TOO_NEW',
      `This bundle was written in bundle format ${version} by a newer NeuroOps; this version reads format ${BUNDLE_FORMAT_VERSION} and older. Update NeuroOps to import it.`,
    );
  }
}

/**
 * Unpacks a bundle with the defensive extractor (zip-slip, links, bombs: refused) into a
 * scratch folder, and checks it whole: the expected files and no others, the format
 * version, every checksum, the manifest, and that onnxruntime opens the model. Nothing
 * is registered here; the scratch folder is always removed.
 */
export async function readBundle(zipFile: string, workDir: string): Promise<CheckedBundle> {
  fs.mkdirSync(workDir, { recursive: true });
  const scratch = bundleScratchPath(workDir);
  try {
    const extracted = await extractZip(zipFile, scratch, { limits: BUNDLE_ZIP_LIMITS });
    const names = extracted.files.map((f) => f.split(path.sep).join('/'));
    const foreign = names.filter((name) => !REQUIRED_FILES.includes(name));
    const missing = REQUIRED_FILES.filter((name) => name !== BUNDLE_FILES.inputExample && !names.includes(name));
    if (missing.includes(BUNDLE_FILES.manifest)) throw new AppError('INVALID_BUNDLE', `${path.basename(zipFile)} has no neuroops.json at its root: it is not a NeuroOps model bundle.`);
    const manifestJson = readManifestVersion(fs.readFileSync(path.join(scratch, BUNDLE_FILES.manifest), 'utf8'));
    checkFormatVersion(manifestJson);
    if (missing.length > 0) throw new AppError('INVALID_BUNDLE', `The bundle lacks ${missing.join(', ')}; it is incomplete. Export it again.`);
    if (foreign.length > 0) throw new AppError('INVALID_BUNDLE', `The bundle holds files a bundle never has (${foreign.slice(0, 5).join(', ')}); it was altered or is not a NeuroOps bundle.`);

    const files = new Map(names.filter((n) => n !== BUNDLE_FILES.checksums).map((n) => [n, fs.readFileSync(path.join(scratch, n))] as const));
    verifyChecksums(parseChecksums(fs.readFileSync(path.join(scratch, BUNDLE_FILES.checksums), 'utf8')), files);

    const parsed = manifestSchema.safeParse(manifestJson);
    if (!parsed.success) throw new AppError('INVALID_BUNDLE', `neuroops.json does not describe a bundle: ${describeZodError(parsed.error)}.`);
    const { signature } = await describeOnnx(files.get(BUNDLE_FILES.model)!);
    return { manifest: parsed.data, files, signature };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
