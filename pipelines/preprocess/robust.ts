/**
 * Robust statistics for Huber normalization, as statsmodels computes them:
 * `mad` (median absolute deviation / Φ⁻¹(3/4)) and `Huber` (Huber's proposal 2:
 * joint M-estimate of location and scale, c = 1.5, tol = 1e-8, 30 iterations).
 */

import { madOf, medianOf } from './bad-channels/order-statistics';

/** Φ⁻¹(3/4): statsmodels' normalisation of the MAD. */
const MAD_NORMALISER = 0.6744897501960817;

export function median(values: ArrayLike<number>): number {
  return medianOf(values);
}

/**
 * statsmodels.robust.scale.mad (centred on the median). By selection, not sorting:
 * Huber normalization takes it over every sample of each channel.
 */
export function madStd(values: ArrayLike<number>): number {
  return madOf(values) / MAD_NORMALISER;
}

function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Φ(x) to double precision for the moderate x used here (the Huber constant c). */
function normalCdf(x: number): number {
  // Φ(x) = 1/2 + φ(x)·Σ x^(2k+1)/(1·3·…·(2k+1)); converges for all x, fast for |x| < 6.
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (x * x) / (2 * k + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return 0.5 + normalPdf(x) * sum;
}

export interface HuberEstimate {
  location: number;
  scale: number;
}

/**
 * statsmodels.robust.scale.Huber()(a): location and scale together. Returns
 * null where statsmodels raises: with few values split in two clusters the
 * scale's denominator turns negative and the iteration cannot converge.
 */
export function huber(values: ArrayLike<number>, c = 1.5, tol = 1e-8, maxiter = 30): HuberEstimate | null {
  const a = Float64Array.from(values);
  const n = a.length;
  const tmp = 2 * normalCdf(c) - 1;
  const gamma = tmp + c * c * (1 - tmp) - 2 * c * normalPdf(c);
  let mu = median(a);
  let scale = madStd(a);
  if (!(scale > 0)) return { location: mu, scale: 0 };
  const dof = n - 1;
  for (let iter = 0; iter < maxiter; iter++) {
    let clipped = 0;
    for (const v of a) clipped += Math.min(Math.max(v, mu - c * scale), mu + c * scale);
    const nmu = clipped / n;
    let card = 0;
    let num = 0;
    for (const v of a) {
      if (Math.abs((v - mu) / scale) <= c) {
        card++;
        num += (v - nmu) ** 2;
      }
    }
    const denom = dof * gamma - (n - card) * c * c;
    if (!(denom > 0)) return null;
    const nscale = Math.sqrt(num / denom);
    if (Math.abs(scale - nscale) <= nscale * tol && Math.abs(mu - nmu) <= nscale * tol) return { location: nmu, scale: nscale };
    mu = nmu;
    scale = nscale;
  }
  return null;
}

/**
 * statsmodels.robust.norms.estimate_location(a, mad(a), HuberT()): Huber's
 * M-estimate of location (t = 1.345) with the scale held at the MAD, by
 * iteratively reweighted means from the median. Null if it does not settle.
 */
export function huberLocation(values: ArrayLike<number>, t = 1.345, tol = 1e-6, maxiter = 30): number | null {
  const a = Float64Array.from(values);
  const scale = madStd(a);
  let mu = median(a);
  if (!(scale > 0)) return mu;
  for (let iter = 0; iter < maxiter; iter++) {
    let sw = 0;
    let swa = 0;
    for (const v of a) {
      const z = Math.abs((v - mu) / scale);
      const w = z <= t ? 1 : t / z;
      sw += w;
      swa += w * v;
    }
    const nmu = swa / sw;
    if (Math.abs(mu - nmu) < scale * tol) return nmu;
    mu = nmu;
  }
  return null;
}
