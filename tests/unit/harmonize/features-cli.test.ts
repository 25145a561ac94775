/**
 * `neuroops features … --harmonize [PARAMS.json]` on the demo dataset (2 sites,
 * age and sex in participants.tsv): fit and write the parameters beside the
 * table, apply them again, refuse an unknown site or pass it when the spec says so.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureSpecHash, parseCombatParamsJson } from '../../../pipelines/harmonize';
import { defaultSpec } from '../../../pipelines/preprocess/spec';
import { cli } from '../../support/cli';

const demo = join(__dirname, '../../../resources/demo/bids');
let dir = '';


type Row = Record<string, string | number | null>;
const featureValues = (rows: Row[]) => rows.map((r) => Object.entries(r).filter(([k]) => k.startsWith('power_')).map(([, v]) => v as number));

let fitted: { rows: Row[]; harmonization: { files: { raw: string; params: string } } };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neuroops-harmonize-'));
  // --harmonize before DATASET: a folder name is not taken for the parameters.
  const r = await cli('features', '--harmonize', demo, '--out', join(dir, 'fit.csv'), '--json');
  expect(r.code, r.stderr).toBe(0);
  fitted = JSON.parse(r.stdout);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('neuroops features --harmonize', () => {
  it('fits ComBat on the table, writes it harmonized with the parameters and the raw table beside it', async () => {
    expect(fitted.harmonization).toMatchObject({
      mode: 'fit',
      sites: ['siteA', 'siteB'],
      rowsCorrected: 6,
      warnings: [],
      files: { raw: join(dir, 'fit.raw.csv'), params: join(dir, 'fit.combat.json'), warnings: null },
    });
    const params = parseCombatParamsJson(await readFile(join(dir, 'fit.combat.json'), 'utf8'));
    expect(params.featureSpecHash).toBe(featureSpecHash(defaultSpec()));
    expect(params.covariates).toEqual([
      { column: 'age', kind: 'numeric' },
      { column: 'sex', kind: 'categorical', levels: ['F', 'M'] },
    ]);
    expect(params.features).toHaveLength(152);
    const raw = (await readFile(join(dir, 'fit.raw.csv'), 'utf8')).trim().split('\n');
    const harmonized = (await readFile(join(dir, 'fit.csv'), 'utf8')).trim().split('\n');
    expect(raw[0]).toBe(harmonized[0]);
    // Keys and quality columns unchanged, features changed.
    expect(raw[1]!.split(',').slice(0, 8)).toEqual(harmonized[1]!.split(',').slice(0, 8));
    expect(raw[1]).not.toBe(harmonized[1]);
  });

  it('applies PARAMS.json to recordings of known sites', async () => {
    const r = await cli('features', demo, '--harmonize', fitted.harmonization.files.params, '--out', join(dir, 'apply.csv'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const applied = JSON.parse(r.stdout);
    expect(applied.harmonization).toMatchObject({ mode: 'apply', rowsCorrected: 6, warnings: [] });
    const a = featureValues(applied.rows).flat();
    const b = featureValues(fitted.rows).flat();
    a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-12));
  }, 120_000);

  it('refuses a recording of a site the parameters do not know, and keeps the raw table', async () => {
    const params = JSON.parse(await readFile(fitted.harmonization.files.params, 'utf8'));
    params.sites = ['siteA', 'siteC'];
    const file = join(dir, 'other-sites.json');
    await writeFile(file, JSON.stringify(params));
    const r = await cli('features', demo, '--harmonize', file, '--out', join(dir, 'refused.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('3 recording(s) come from a site the harmonization was not fitted on: sub-03/eeg/sub-03_task-rest_eeg.edf (site "siteB")');
    expect(r.stderr).toContain('Known sites: siteA, siteC.');
    expect(r.stderr).toContain('[UNKNOWN_SITE]');
    expect(existsSync(join(dir, 'refused.raw.csv'))).toBe(true);
    expect(existsSync(join(dir, 'refused.csv'))).toBe(false);

    // The spec may let them pass uncorrected: a warning on stderr and in a file beside the table.
    const spec = { ...defaultSpec(), harmonization: { ...defaultSpec().harmonization!, unknownSite: 'pass' } };
    const specFile = join(dir, 'pass.json');
    await writeFile(specFile, JSON.stringify(spec));
    const passed = await cli('features', demo, '--spec', specFile, '--harmonize', file, '--out', join(dir, 'passed.csv'), '--json');
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.stderr).toContain('WARNING sub-03/eeg/sub-03_task-rest_eeg.edf: site "siteB" is not one the harmonization was fitted on');
    const out = JSON.parse(passed.stdout);
    expect(out.harmonization).toMatchObject({ rowsCorrected: 3, files: { warnings: join(dir, 'passed.combat-warnings.json') } });
    const recorded = JSON.parse(await readFile(join(dir, 'passed.combat-warnings.json'), 'utf8'));
    expect(recorded.map((w: { site: string }) => w.site)).toEqual(['siteB', 'siteB', 'siteB']);
    const raw = JSON.parse((await cli('features', demo, '--out', join(dir, 'plain.csv'), '--json')).stdout);
    const siteB = (rows: Row[]) => featureValues(rows.filter((r) => r['site'] === 'siteB'));
    expect(siteB(out.rows)).toEqual(siteB(raw.rows));
  }, 240_000);

  it('refuses parameters fitted on features of another spec before computing anything', async () => {
    const params = JSON.parse(await readFile(fitted.harmonization.files.params, 'utf8'));
    params.featureSpecHash = 'sha256:0000';
    const file = join(dir, 'other-spec.json');
    await writeFile(file, JSON.stringify(params));
    const r = await cli('features', demo, '--harmonize', file, '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[SPEC_MISMATCH]');
    expect(r.stderr).not.toContain('[1/6]');
  });
});
