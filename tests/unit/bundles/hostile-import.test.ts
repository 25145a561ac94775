import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildZip } from '../zip/support/zip-writer';
import { errorCodeOf } from '../registry/support';
import { openBundles, readZip, writeZip, type BundleFixture } from './support';

let source: BundleFixture;
let target: BundleFixture;
let good: string;

beforeEach(async () => {
  source = openBundles();
  target = openBundles();
  await source.registerVersion('m', { accuracy: 0.9 });
  good = source.bundles.exportBundle('m', 1, path.join(source.dir, 'good.zip')).file;
});
afterEach(() => {
  source.close();
  target.close();
});

/** Nothing of a refused import may remain: no model, no version, no imported run, no scratch files. */
function expectNothingImported(): void {
  expect(target.registry.searchModels().items).toEqual([]);
  expect(target.db.prepare('SELECT count(*) AS n FROM model_versions').get()).toEqual({ n: 0 });
  expect(target.db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 0 });
  const uploads = path.join(target.dir, 'uploads');
  expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
}

const bad = (name: string) => path.join(source.dir, name);

describe('importing a damaged, foreign or hostile bundle', () => {
  it('refuses a truncated zip', async () => {
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(bad('truncated.zip'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const error = await errorCodeOf(target.bundles.importBundle(bad('truncated.zip')));
    expect(error.code).toBe('INVALID_FILE');
    expect(error.message).toContain('truncated.zip');
    expectNothingImported();
  });

  it('refuses a bundle whose model.onnx was modified after export', async () => {
    const files = readZip(good);
    const model = Buffer.from(files.get('model.onnx')!);
    model[model.length - 5]! ^= 0xff;
    files.set('model.onnx', model);
    const error = await errorCodeOf(target.bundles.importBundle(writeZip(bad('tampered.zip'), files)));
    expect(error.code).toBe('CHECKSUM_MISMATCH');
    expect(error.message).toContain('model.onnx');
    expectNothingImported();
  });

  it('refuses a zip-slip entry before writing anything', async () => {
    const entries = [...readZip(good)].map(([name, data]) => ({ name, data }));
    fs.writeFileSync(bad('slip.zip'), buildZip([...entries, { name: '../../escaped.txt', data: Buffer.from('owned') }]));
    const error = await errorCodeOf(target.bundles.importBundle(bad('slip.zip')));
    expect(error.code).toBe('UNSAFE_ZIP');
    expect(error.message).toContain('../../escaped.txt');
    expect(fs.existsSync(path.join(target.dir, 'escaped.txt'))).toBe(false);
    expectNothingImported();
  });

  it('refuses a zip bomb: an entry that inflates far past its compressed size, or more entries than a bundle ever has', async () => {
    const entries = [...readZip(good)].map(([name, data]) => ({ name, data }));
    fs.writeFileSync(bad('bomb.zip'), buildZip([...entries, { name: 'padding.bin', data: Buffer.alloc(64 * 1024 * 1024) }]));
    expect((await errorCodeOf(target.bundles.importBundle(bad('bomb.zip')))).code).toBe('ZIP_TOO_LARGE');
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') }));
    fs.writeFileSync(bad('many.zip'), buildZip([...entries, ...many]));
    expect((await errorCodeOf(target.bundles.importBundle(bad('many.zip')))).code).toBe('ZIP_TOO_LARGE');
    expectNothingImported();
  });

  it('refuses a bundle from a newer bundle format, and says to update', async () => {
    const files = readZip(good);
    const manifest = JSON.parse(files.get('neuroops.json')!.toString());
    files.set('neuroops.json', Buffer.from(JSON.stringify({ ...manifest, bundleFormatVersion: 2 })));
    const error = await errorCodeOf(target.bundles.importBundle(writeZip(bad('future.zip'), files, { resign: true })));
    expect(error.code).toBe('BUNDLE_TOO_NEW');
    expect(error.message).toContain('Update NeuroOps');
    expectNothingImported();
  });

  it('refuses a bundle with a file missing, or with a file a bundle never holds', async () => {
    const missing = readZip(good);
    missing.delete('MLmodel');
    expect((await errorCodeOf(target.bundles.importBundle(writeZip(bad('missing.zip'), missing, { resign: true })))).message).toContain('lacks MLmodel');

    const extra = readZip(good);
    extra.set('run.sh', Buffer.from('rm -rf ~'));
    expect((await errorCodeOf(target.bundles.importBundle(writeZip(bad('extra.zip'), extra, { resign: true })))).code).toBe('INVALID_BUNDLE');
    expectNothingImported();
  });

  it('refuses a zip that is not a bundle, and a bundle whose model does not load', async () => {
    fs.writeFileSync(bad('foreign.zip'), buildZip([{ name: 'data.csv', data: Buffer.from('a,b\n1,2\n') }]));
    expect((await errorCodeOf(target.bundles.importBundle(bad('foreign.zip'))))).toMatchObject({ code: 'INVALID_BUNDLE' });

    const broken = readZip(good);
    broken.set('model.onnx', Buffer.from('this is not onnx'));
    expect((await errorCodeOf(target.bundles.importBundle(writeZip(bad('broken.zip'), broken, { resign: true }))))).toMatchObject({ code: 'INVALID_MODEL' });
    expectNothingImported();
  });

  it('refuses a bundle whose training summary would not log, before creating anything', async () => {
    const files = readZip(good);
    const manifest = JSON.parse(files.get('neuroops.json')!.toString());
    manifest.training.params = { '../etc': 'x' };
    files.set('neuroops.json', Buffer.from(JSON.stringify(manifest)));
    expect((await errorCodeOf(target.bundles.importBundle(writeZip(bad('params.zip'), files, { resign: true }))))).toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    expectNothingImported();
  });
});
