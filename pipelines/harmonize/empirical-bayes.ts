/**
 * Parametric empirical Bayes shrinkage of one site's effects (Johnson, Li and
 * Rabinovic 2007, as neuroCombat implements it for neuroHarmonize): the
 * per-feature location estimates are drawn towards their mean over features
 * (a normal prior) and the scale estimates towards an inverse-gamma prior, by
 * iterating the posterior mean and variance to a fixed point.
 */
import { PipelineError } from '../errors';
import { mean, sampleVariance } from './stats';

export interface SitePriors {
  gammaBar: number;
  t2: number;
  a: number;
  b: number;
}

/** The priors' hyper-parameters from one site's estimates over the features (method of moments). */
export function sitePriors(gammaHat: Float64Array, deltaHat: Float64Array): SitePriors {
  const m = mean(deltaHat);
  const s2 = sampleVariance(deltaHat);
  return {
    gammaBar: mean(gammaHat),
    t2: sampleVariance(gammaHat),
    a: (2 * s2 + m * m) / s2,
    b: (m * s2 + m * m * m) / s2,
  };
}

/** The stopping rule and its quirk kept as is: the relative change divides by the old value, sign included. */
const CONVERGED = 1e-4;
const MAX_ITERATIONS = 10_000;

/**
 * The posterior site effects. `z` is the site's standardized rows. Stops when
 * the largest relative change of either estimate is at most 1e-4, as
 * neuroCombat's it_sol does, so the numbers agree with neuroHarmonize's.
 */
export function shrinkSiteEffects(
  z: Float64Array[],
  gammaHat: Float64Array,
  deltaHat: Float64Array,
  priors: SitePriors,
  site: string,
): { gamma: Float64Array; delta: Float64Array } {
  const n = z.length;
  const features = gammaHat.length;
  const { gammaBar, t2, a, b } = priors;
  let gOld = Float64Array.from(gammaHat);
  let dOld = Float64Array.from(deltaHat);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gNew = new Float64Array(features);
    const dNew = new Float64Array(features);
    for (let f = 0; f < features; f++) gNew[f] = (t2 * n * gammaHat[f]! + dOld[f]! * gammaBar) / (t2 * n + dOld[f]!);
    const sum2 = new Float64Array(features);
    for (const row of z) for (let f = 0; f < features; f++) sum2[f]! += (row[f]! - gNew[f]!) ** 2;
    for (let f = 0; f < features; f++) dNew[f] = (0.5 * sum2[f]! + b) / (n / 2 + a - 1);
    let change = -Infinity;
    for (let f = 0; f < features; f++) change = Math.max(change, Math.abs(gNew[f]! - gOld[f]!) / gOld[f]!, Math.abs(dNew[f]! - dOld[f]!) / dOld[f]!);
    gOld = gNew;
    dOld = dNew;
    if (Number.isNaN(change)) break;
    if (!(change > CONVERGED)) return { gamma: gNew, delta: dNew };
  }
  throw new PipelineError(
    'HARMONIZATION_DID_NOT_CONVERGE',
    `The empirical Bayes estimates of site "${site}" did not settle (${n} recordings). Check that its features vary, or set the spec's harmonization.empiricalBayes to false.`,
  );
}
