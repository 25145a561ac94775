/** What ComBat refuses and why: unknown sites (or passed with a warning), missing covariates, other feature columns, too few sites, confounded designs. */
import { describe, expect, it } from 'vitest';
import { applyCombat, defaultHarmonization, fitCombat, parseCombatParams, type CombatInput } from '../../../pipelines/harmonize';
import { loadCombatTable } from './fixtures';

const table = loadCombatTable('combat-fit');
const options = defaultHarmonization();
const { params } = fitCombat(table, options);

/** Rows of the new-recordings table, with some sites changed. */
function withSites(sites: Record<number, string | null>): CombatInput {
  const input = loadCombatTable('combat-new');
  return { ...input, sites: input.sites.map((s, i) => (i in sites ? sites[i]! : s)) };
}

describe('applying ComBat to recordings of unknown sites', () => {
  it('refuses them, naming the recordings and the known sites', () => {
    const input = withSites({ 1: 'SiteD', 4: null });
    expect(() => applyCombat(params, input, { unknownSite: 'refuse' })).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_SITE',
        message: expect.stringContaining(`2 recording(s) come from a site the harmonization was not fitted on: ${input.labels[1]} (site "SiteD"), ${input.labels[4]} (no site). Known sites: SiteA, SiteB, SiteC.`),
      }),
    );
  });

  it('passes them uncorrected with a warning when the spec allows it, and harmonizes the others', () => {
    const input = withSites({ 1: 'SiteD' });
    const passed = applyCombat(params, input, { unknownSite: 'pass' });
    const known = applyCombat(params, withSites({}), { unknownSite: 'refuse' });
    expect(Array.from(passed.rows[1]!)).toEqual(Array.from(input.rows[1]!));
    expect(passed.corrected).toEqual([true, false, true, true, true, true, true]);
    expect(passed.rows.filter((_, i) => i !== 1)).toEqual(known.rows.filter((_, i) => i !== 1));
    expect(passed.warnings).toEqual([
      expect.objectContaining({ row: 1, site: 'SiteD', code: 'UNKNOWN_SITE', message: expect.stringContaining('its features are left uncorrected') }),
    ]);
  });
});

describe('ComBat refuses what it cannot model', () => {
  it('a recording without a covariate, naming it', () => {
    const input = { ...table, covariates: { ...table.covariates, age: table.covariates['age']!.map((a, i) => (i === 2 ? null : a)) } };
    expect(() => fitCombat(input, options)).toThrow(expect.objectContaining({ code: 'MISSING_COVARIATE', message: expect.stringContaining(table.labels[2]!) }));
  });

  it('a table without a covariate column, saying how to fix it', () => {
    const input = { ...table, covariates: { age: table.covariates['age']! } };
    expect(() => fitCombat(input, options)).toThrow(expect.objectContaining({ code: 'MISSING_COVARIATE', message: expect.stringContaining('harmonization.covariates') }));
  });

  it('a sex the fit never saw', () => {
    const input = withSites({});
    input.covariates['sex'] = input.covariates['sex']!.map((s, i) => (i === 0 ? 'X' : s));
    expect(() => applyCombat(params, input, { unknownSite: 'refuse' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_COVARIATE_LEVEL', message: expect.stringContaining('it knows F, M') }));
  });

  it('feature columns other than the fitted ones', () => {
    const input = withSites({});
    const renamed = { ...input, features: input.features.map((f, i) => (i === 0 ? 'power_X_Delta' : f)) };
    expect(() => applyCombat(params, renamed, { unknownSite: 'refuse' })).toThrow(
      expect.objectContaining({ code: 'FEATURE_MISMATCH', message: expect.stringMatching(/lacks 1 .*\(f1\) and has 1 .*\(power_X_Delta\)/) }),
    );
  });

  it('reads the features by name, whatever their order', () => {
    const input = withSites({});
    const reversed = { ...input, features: [...input.features].reverse(), rows: input.rows.map((r) => Array.from(r).reverse()) };
    const a = applyCombat(params, input, { unknownSite: 'refuse' }).rows;
    const b = applyCombat(params, reversed, { unknownSite: 'refuse' }).rows;
    expect(b.map((r) => Array.from(r).reverse())).toEqual(a.map((r) => Array.from(r)));
  });

  it('a single site, or a site with one recording', () => {
    const one = { ...table, sites: table.sites.map(() => 'SiteA') };
    expect(() => fitCombat(one, options)).toThrow(expect.objectContaining({ code: 'TOO_FEW_SITES' }));
    const lonely = { ...table, sites: table.sites.map((s, i) => (i === 0 ? 'SiteZ' : s)) };
    expect(() => fitCombat(lonely, options)).toThrow(expect.objectContaining({ code: 'TOO_FEW_ROWS', message: expect.stringContaining('"SiteZ"') }));
  });

  it('a covariate confounded with the site', () => {
    const confounded = { ...table, covariates: { ...table.covariates, sex: table.sites.map((s) => (s === 'SiteA' ? 'F' : 'M')) } };
    expect(() => fitCombat(confounded, options)).toThrow(expect.objectContaining({ code: 'CONFOUNDED_COVARIATES' }));
  });

  it('parameters whose shapes do not fit together', () => {
    expect(() => parseCombatParams({ ...params, grandMean: [1] }, 'p.json')).toThrow(expect.objectContaining({ code: 'INVALID_HARMONIZATION', message: expect.stringContaining('p.json: grandMean') }));
    expect(() => parseCombatParams({ ...params, version: 2 }, 'p.json')).toThrow(expect.objectContaining({ code: 'INVALID_HARMONIZATION', message: expect.stringContaining('version') }));
  });
});

describe('ComBat with one feature', () => {
  it('skips the empirical Bayes step, as neuroHarmonize does', () => {
    const single = { ...table, features: ['f1'], rows: table.rows.map((r) => [r[0]!]) };
    const { params: p } = fitCombat(single, options);
    expect(p.empiricalBayes).toBe(false);
    expect(p.gammaStar).toEqual(p.estimates.gammaHat);
  });
});

describe('the spec\'s harmonization options', () => {
  it('are in the default spec, and a spec without them still reads', async () => {
    const { defaultSpec, parseSpec } = await import('../../../pipelines/preprocess/spec');
    const { harmonization, ...older } = defaultSpec();
    expect(harmonization).toEqual(options);
    expect(parseSpec(older).harmonization).toBeUndefined();
  });

  it('refuse a covariate named twice, naming the key', async () => {
    const { defaultSpec, parseSpec } = await import('../../../pipelines/preprocess/spec');
    const spec = defaultSpec();
    spec.harmonization!.covariates.push({ column: 'age', kind: 'numeric' });
    expect(() => parseSpec(spec)).toThrow(expect.objectContaining({ code: 'INVALID_SPEC', message: expect.stringContaining('harmonization.covariates[2].column') }));
  });
});
