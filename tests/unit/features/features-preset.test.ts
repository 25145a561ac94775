/**
 * `neuroops features --preset NAME`: the named specs, the original platform's feature set
 * on a 58-channel recording (58x25 components × 8 bands × four families, plus
 * cross-frequency), and its refusal of the bundled 10-20 demo.
 */
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCohort } from '../../../pipelines/demo/cohort';
import { demoEdf } from '../../../pipelines/demo/bids-files';
import { DEMO_SECONDS, demoRecording } from '../../../pipelines/demo/recording';
import { loadSpatialFilter } from '../../../pipelines/preprocess/spatial-filters';
import { SPEC_PRESETS, defaultSpec, originalFeatureSetSpec, specHash } from '../../../pipelines/preprocess/spec';
import { cli } from '../../support/cli';
import { subjectEdf, writeDemoBids } from '../../support/prediction-data';

const demo = join(__dirname, '../../../resources/demo/bids');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neuroops-preset-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A one-subject BIDS dataset whose recording has the 58x25 filter's 58 channels (the demo generator over that montage). */
function dataset58(): string {
  const root = join(dir, 'bids58');
  const subject = demoCohort(5858, 1)[0]!;
  expect(subject.site.format).toBe('edf');
  writeDemoBids(root, [subject]);
  const channels = loadSpatialFilter('58x25').channels;
  const recording = demoRecording({ ...subject, badChannel: null }, DEMO_SECONDS, channels);
  const edf = demoEdf(recording);
  fs.writeFileSync(subjectEdf(root, subject), edf);
  const tsv = ['name\ttype\tunits\tstatus', ...channels.map((name) => `EEG ${name}\tEEG\tµV\tgood`)].join('\n');
  fs.writeFileSync(subjectEdf(root, subject).replace('_eeg.edf', '_channels.tsv'), `${tsv}\n`);
  return root;
}

describe('neuroops features --preset', () => {
  it('prints each preset with --print-default-spec; default is the default', async () => {
    const original = await cli('features', '--print-default-spec', '--preset', 'original');
    expect(original.code).toBe(0);
    expect(JSON.parse(original.stdout)).toEqual(originalFeatureSetSpec());
    const named = await cli('features', '--print-default-spec', '--preset', 'default');
    expect(JSON.parse(named.stdout)).toEqual(defaultSpec());
    expect(specHash(JSON.parse(original.stdout))).not.toBe(specHash(JSON.parse(named.stdout)));
  });

  it('lists every preset in --help', async () => {
    const help = await cli('features', '--help');
    expect(help.code).toBe(0);
    for (const name of Object.keys(SPEC_PRESETS)) expect(help.stdout).toMatch(new RegExp(`--preset NAME .*\\b${name} \\(`));
  });

  it('refuses --spec with --preset, and an unknown preset, as usage errors', async () => {
    const specFile = join(dir, 'spec.json');
    await writeFile(specFile, JSON.stringify(defaultSpec()));
    const both = await cli('features', demo, '--spec', specFile, '--preset', 'original');
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('Give --spec FILE or --preset NAME, not both.');
    const unknown = await cli('features', demo, '--preset', 'sovaharmony');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('Unknown --preset sovaharmony. Presets: default, original.');
  });

  it('refuses the 19-channel demo under the original preset, naming the filter channels each recording lacks', async () => {
    const r = await cli('features', demo, '--preset', 'original', '--out', join(dir, 'refused.csv'), '--json');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(6);
    const filter = loadSpatialFilter('58x25');
    const present = new Set(['FP1', 'FP2', 'F7', 'F3', 'FZ', 'F4', 'F8', 'T7', 'C3', 'CZ', 'C4', 'T8', 'P7', 'P3', 'PZ', 'P4', 'P8', 'O1', 'O2']);
    const missing = filter.channels.filter((c) => !present.has(c));
    for (const e of result.errors) {
      expect(e.message).toContain(`needs ${missing.length} of its 58 channels that this recording lacks: ${missing.join(', ')}`);
    }
  });

  it('computes the original feature set on a 58-channel recording: 25 components × 8 bands × 4 families, plus cross-frequency', async () => {
    const root = dataset58();
    const r = await cli('features', root, '--preset', 'original', '--out', join(dir, 'original.csv'), '--json');
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.errors).toEqual([]);
    expect(result.specHash).toBe(specHash(originalFeatureSetSpec()));
    const spec = originalFeatureSetSpec();
    const crossfreq = spec.features.find((f) => f.name === 'crossfreq')!;
    const pairs = crossfreq.name === 'crossfreq' ? crossfreq.params.pairs : [];
    const features = result.columns.filter((c: string) => /^(power|entropy|coherence|sl|crossfreq)_/.test(c));
    expect(features).toHaveLength(25 * spec.bands.length * 4 + 25 * pairs.length);
    for (const family of ['power', 'entropy', 'coherence', 'sl']) {
      for (const band of spec.bands) expect(features).toContain(`${family}_C25_${band.name}`);
    }
    expect(features).toContain(`crossfreq_C1_${pairs[0]!.phase}-${pairs[0]!.amplitude}`);
    const row = result.rows[0];
    for (const c of features) expect(Number.isFinite(row[c]), c).toBe(true);
  }, 120_000);
});
