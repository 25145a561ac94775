import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import ort from 'onnxruntime-node';
import { createBundleService, type BundleService } from '../../../main/services/bundles/bundle-service';
import { formatChecksums } from '../../../main/services/bundles/checksums';
import { MODEL_FACTS, openRegistry, type RegistryFixture } from '../registry/support';

export interface BundleFixture extends RegistryFixture {
  bundles: BundleService;
}

export function openBundles(): BundleFixture {
  const fx = openRegistry();
  const bundles = createBundleService({
    registry: fx.registry,
    tracking: fx.tracking,
    workDir: path.join(fx.dir, 'uploads'),
    appVersion: '9.9.9-test',
  });
  return { ...fx, bundles };
}

/** The zip's files by name. */
export function readZip(file: string): Map<string, Buffer> {
  return new Map(new AdmZip(file).getEntries().map((e) => [e.entryName, e.getData()]));
}

/** Writes a zip of these files; with `resign`, checksums.sha256 is recomputed over them first. */
export function writeZip(file: string, files: Map<string, Buffer>, options: { resign?: boolean } = {}): string {
  const zip = new AdmZip();
  const entries = new Map(files);
  if (options.resign) {
    entries.delete('checksums.sha256');
    entries.set('checksums.sha256', Buffer.from(formatChecksums(entries)));
  }
  for (const [name, data] of entries) zip.addFile(name, data);
  fs.writeFileSync(file, zip.toBuffer());
  return file;
}

/** Runs a version's stored model.onnx on the fixture's sample rows. */
export async function predict(fx: RegistryFixture, name: string, version: number): Promise<{ probabilities: number[]; labels: bigint[] }> {
  const v = fx.registry.getVersion(name, version);
  const session = await ort.InferenceSession.create(fx.tracking.openArtifact(v.runId!, `${v.artifactPath}/model.onnx`).file);
  try {
    const rows = MODEL_FACTS.sample;
    const out = await session.run({ features: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, rows[0]!.length]) });
    return { probabilities: Array.from(out.probabilities!.data as Float32Array), labels: Array.from(out.label!.data as BigInt64Array) };
  } finally {
    await session.release();
  }
}
