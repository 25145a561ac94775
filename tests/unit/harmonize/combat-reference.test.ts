/**
 * ComBat against a numpy statement of neuroHarmonize's equations
 * (scripts/fixtures/make-combat-fixtures.py) on a fixed table of 3 sites with
 * age and sex as covariates: every fitted quantity and the harmonized values
 * within 1e-6, with and without empirical Bayes, and the fit applied to new
 * recordings of the same sites.
 */
import { describe, expect, it } from 'vitest';
import { applyCombat, defaultHarmonization, fitCombat, parseCombatParamsJson } from '../../../pipelines/harmonize';
import { loadCombatTable, maxAbsDiff, reference } from './fixtures';

const TOL = 1e-6;
const table = loadCombatTable('combat-fit');

describe('ComBat fit against the neuroHarmonize reference', () => {
  for (const [name, empiricalBayes] of [['eb', true], ['noEb', false]] as const) {
    it(`${empiricalBayes ? 'with' : 'without'} empirical Bayes`, () => {
      const ref = reference[name];
      const { params, rows } = fitCombat(table, { ...defaultHarmonization(), empiricalBayes });
      expect(params.features).toEqual(reference.features);
      expect(params.sites).toEqual(ref.sites);
      expect(params.designColumns).toEqual(ref.designColumns);
      expect(params.covariates).toEqual([
        { column: 'age', kind: 'numeric' },
        { column: 'sex', kind: 'categorical', levels: ['F', 'M'] },
      ]);
      expect(params.empiricalBayes).toBe(empiricalBayes);
      expect(maxAbsDiff(params.coefficients, ref.coefficients)).toBeLessThan(TOL);
      expect(maxAbsDiff([params.grandMean, params.varPooled], [ref.grandMean, ref.varPooled])).toBeLessThan(TOL);
      expect(maxAbsDiff(params.estimates.gammaHat, ref.gammaHat)).toBeLessThan(TOL);
      expect(maxAbsDiff(params.estimates.deltaHat, ref.deltaHat)).toBeLessThan(TOL);
      if (empiricalBayes) {
        const { gammaBar, t2, aPrior, bPrior } = params.estimates;
        expect(maxAbsDiff([gammaBar!, t2!, aPrior!, bPrior!], [ref.gammaBar!, ref.t2!, ref.aPrior!, ref.bPrior!])).toBeLessThan(TOL);
      } else {
        expect(params.estimates.gammaBar).toBeNull();
      }
      expect(maxAbsDiff(params.gammaStar, ref.gammaStar)).toBeLessThan(TOL);
      expect(maxAbsDiff(params.deltaStar, ref.deltaStar)).toBeLessThan(TOL);
      expect(maxAbsDiff(rows, ref.harmonized)).toBeLessThan(TOL);
    });
  }

  it('shrinks: the empirical Bayes site effects differ from the per-site estimates', () => {
    expect(maxAbsDiff(reference.eb.gammaStar, reference.eb.gammaHat)).toBeGreaterThan(1e-3);
  });

  it('applies the stored parameters to new recordings of known sites', () => {
    const { params } = fitCombat(table, defaultHarmonization());
    // Through JSON, as the parameters travel.
    const stored = parseCombatParamsJson(JSON.stringify(params));
    const applied = applyCombat(stored, loadCombatTable('combat-new'), { unknownSite: 'refuse' });
    expect(applied.warnings).toEqual([]);
    expect(applied.corrected.every(Boolean)).toBe(true);
    expect(maxAbsDiff(applied.rows, reference.newHarmonized)).toBeLessThan(TOL);
  });

  it('gives the fit\'s own harmonized values when applied to the rows it was fitted on', () => {
    const fitted = fitCombat(table, defaultHarmonization());
    expect(maxAbsDiff(applyCombat(fitted.params, table, { unknownSite: 'refuse' }).rows, fitted.rows)).toBeLessThan(1e-12);
  });
});
