/**
 * A table with a site effect planted (scripts/fixtures/make-combat-fixtures.py):
 * each feature's site means are shifted by 5 to 8 times the within-site noise
 * and its spread scaled per site, with age and sex effects drawn independently
 * of the site. After ComBat the site means differ by less than the noise, and
 * the covariate effects are kept.
 */
import { describe, expect, it } from 'vitest';
import { defaultHarmonization, fitCombat, type CombatInput } from '../../../pipelines/harmonize';
import { loadCombatTable, reference } from './fixtures';

const table = loadCombatTable('combat-planted');
const noise = reference.plantedNoise;

/** For each feature, the largest difference between two sites' means. */
function siteMeanSpread(input: CombatInput, rows: ArrayLike<number>[]): number[] {
  const sites = [...new Set(input.sites)];
  return input.features.map((_, f) => {
    const means = sites.map((s) => {
      const mine = rows.filter((_, i) => input.sites[i] === s);
      return mine.reduce((acc, r) => acc + r[f]!, 0) / mine.length;
    });
    return Math.max(...means) - Math.min(...means);
  });
}

/** Slope of a feature on age over all rows (least squares). */
function ageSlope(input: CombatInput, rows: ArrayLike<number>[], f: number): number {
  const ages = input.covariates['age'] as number[];
  const ma = ages.reduce((a, b) => a + b, 0) / ages.length;
  const my = rows.reduce((a, r) => a + r[f]!, 0) / rows.length;
  const sxy = ages.reduce((acc, a, i) => acc + (a - ma) * (rows[i]![f]! - my), 0);
  const sxx = ages.reduce((acc, a) => acc + (a - ma) ** 2, 0);
  return sxy / sxx;
}

describe('ComBat on a planted site effect', () => {
  const { rows } = fitCombat(table, defaultHarmonization());

  it('the sites differ by several times the noise before', () => {
    for (const spread of siteMeanSpread(table, table.rows)) expect(spread).toBeGreaterThan(5 * noise);
  });

  it('and by less than the noise after', () => {
    for (const spread of siteMeanSpread(table, rows)) expect(spread).toBeLessThan(noise);
  });

  it('keeps the age effect (0.003 per year) the sites were hiding behind', () => {
    for (let f = 0; f < table.features.length; f++) expect(Math.abs(ageSlope(table, rows, f) - 0.003)).toBeLessThan(0.001);
  });
});
