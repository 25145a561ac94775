/**
 * Fits ComBat as neuroHarmonize's harmonizationLearn does (no smooth terms, no
 * reference site): a least-squares model of each feature on site indicators
 * and covariates, the data standardized by the pooled residual variance, then
 * each site's location and scale effects, shrunk by parametric empirical Bayes
 * unless the options turn that off. The equations are in docs/harmonization.md.
 */
import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { PipelineError } from '../errors';
import { applyCombat, type AppliedCombat } from './apply-combat';
import { covariateColumnNames, covariateDesign, encodeCovariates } from './design';
import { shrinkSiteEffects, sitePriors } from './empirical-bayes';
import { listSome, type CombatInput } from './input';
import type { HarmonizationOptions } from './options';
import { COMBAT_FORMAT, type CombatParams } from './params';
import { mean, sampleVariance } from './stats';

export interface FittedCombat extends AppliedCombat {
  params: CombatParams;
}

/** Sorted sites and, per site, its rows; refuses rows without a site and sites too small to estimate a variance. */
function groupSites(input: CombatInput): { sites: string[]; members: number[][] } {
  const missing = input.sites.flatMap((s, i) => (s === null || s.trim() === '' ? [i] : []));
  if (missing.length) {
    throw new PipelineError('MISSING_COVARIATE', `${missing.length} recording(s) have no site, and ComBat needs each row's site: ${listSome(missing.map((i) => input.labels[i]!))}.`);
  }
  const sites = [...new Set(input.sites as string[])].sort();
  if (sites.length < 2) {
    throw new PipelineError('TOO_FEW_SITES', `Harmonization across sites needs at least 2 sites; the table has ${sites.length === 1 ? `only "${sites[0]}"` : 'none'}.`);
  }
  const members = sites.map((s) => input.sites.flatMap((x, i) => (x === s ? [i] : [])));
  const small = sites.filter((_, k) => members[k]!.length < 2);
  if (small.length) {
    throw new PipelineError('TOO_FEW_ROWS', `Each site needs at least 2 recordings to estimate its variance; ${small.map((s) => `"${s}"`).join(', ')} has only 1.`);
  }
  return { sites, members };
}

function designMatrix(input: CombatInput, sites: string[], covariates: Float64Array[]): Matrix {
  return new Matrix(
    input.sites.map((s, i) => [...sites.map((x) => (x === s ? 1 : 0)), ...covariates[i]!]),
  );
}

/** B = (D'D)⁻¹ D'X, refusing a design whose columns are not independent (a covariate confounded with the sites). */
function leastSquares(design: Matrix, X: Matrix, columns: string[]): Matrix {
  const rank = new SingularValueDecomposition(design, { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true }).rank;
  if (rank < design.columns) {
    throw new PipelineError(
      'CONFOUNDED_COVARIATES',
      `The sites and covariates cannot be told apart (the design ${columns.join(', ')} has rank ${rank} of ${design.columns} with ${design.rows} recordings): ` +
        'a covariate is constant, or fully determined by the site. Remove it from the spec\'s harmonization.covariates or add recordings.',
    );
  }
  const t = design.transpose();
  return new CholeskyDecomposition(t.mmul(design)).solve(t.mmul(X));
}

function rowsOf(m: Matrix): number[][] {
  return m.to2DArray();
}

export function fitCombat(input: CombatInput, options: HarmonizationOptions, featureSpecHash: string | null = null): FittedCombat {
  const nF = input.features.length;
  if (nF === 0) throw new PipelineError('NO_FEATURES', 'The table has no feature column to harmonize.');
  const { sites, members } = groupSites(input);
  const covariates = encodeCovariates(options.covariates, input);
  const designColumns = [...sites.map((s) => `site[${s}]`), ...covariateColumnNames(covariates)];
  const covariateRows = covariateDesign(covariates, input);
  const D = designMatrix(input, sites, covariateRows);
  const X = new Matrix(input.rows.map((r) => Array.from(r)));
  const B = leastSquares(D, X, designColumns);
  const n = input.rows.length;
  const nS = sites.length;
  const grandMean = Array.from({ length: nF }, (_, f) => sites.reduce((acc, _s, k) => acc + (members[k]!.length / n) * B.get(k, f), 0));
  const residual = X.clone().sub(D.mmul(B));
  const varPooled = Array.from({ length: nF }, (_, f) => residual.getColumn(f).reduce((acc, r) => acc + r * r, 0) / n);
  const constant = input.features.filter((_, f) => !(varPooled[f]! > 0));
  if (constant.length) {
    throw new PipelineError('CONSTANT_FEATURE', `ComBat cannot scale features that the sites and covariates explain exactly: ${listSome(constant)}. Leave them out of the table.`);
  }
  // Standardized data: what is left after the grand mean and the covariates, on the pooled scale.
  const covariateFit = (i: number, f: number) => covariateRows[i]!.reduce((acc, v, c) => acc + v * B.get(nS + c, f), 0);
  const z = input.rows.map((row, i) => Float64Array.from({ length: nF }, (_, f) => (row[f]! - grandMean[f]! - covariateFit(i, f)) / Math.sqrt(varPooled[f]!)));
  const siteRows = members.map((rows) => rows.map((i) => z[i]!));
  const column = (rows: Float64Array[], f: number) => Float64Array.from(rows, (r) => r[f]!);
  const gammaHat = siteRows.map((rows) => Float64Array.from({ length: nF }, (_, f) => mean(column(rows, f))));
  const deltaHat = siteRows.map((rows) => Float64Array.from({ length: nF }, (_, f) => sampleVariance(column(rows, f))));
  // With one feature there is nothing to pool over; neuroHarmonize skips the empirical Bayes step then too.
  const empiricalBayes = options.empiricalBayes && nF > 1;
  const priors = empiricalBayes ? sites.map((_, k) => sitePriors(gammaHat[k]!, deltaHat[k]!)) : null;
  const stars = priors
    ? sites.map((s, k) => shrinkSiteEffects(siteRows[k]!, gammaHat[k]!, deltaHat[k]!, priors[k]!, s))
    : sites.map((_, k) => ({ gamma: gammaHat[k]!, delta: deltaHat[k]! }));
  const params: CombatParams = {
    format: COMBAT_FORMAT,
    version: 1,
    model: 'neuroHarmonize',
    empiricalBayes,
    featureSpecHash,
    batch: options.batch,
    sites,
    rowsPerSite: members.map((m) => m.length),
    covariates,
    designColumns,
    features: [...input.features],
    coefficients: rowsOf(B),
    grandMean,
    varPooled,
    gammaStar: stars.map((s) => Array.from(s.gamma)),
    deltaStar: stars.map((s) => Array.from(s.delta)),
    estimates: {
      gammaHat: gammaHat.map((g) => Array.from(g)),
      deltaHat: deltaHat.map((d) => Array.from(d)),
      gammaBar: priors ? priors.map((p) => p.gammaBar) : null,
      t2: priors ? priors.map((p) => p.t2) : null,
      aPrior: priors ? priors.map((p) => p.a) : null,
      bPrior: priors ? priors.map((p) => p.b) : null,
    },
  };
  const notFinite = [params.gammaStar, params.deltaStar].some((rows) => rows.some((r) => r.some((v) => !Number.isFinite(v))));
  if (notFinite) throw new PipelineError('HARMONIZATION_FAILED', 'The site effects could not be estimated (a feature has no spread within a site). Check the table for constant columns.');
  return { params, ...applyCombat(params, input, { unknownSite: 'refuse' }) };
}
