/**
 * FastICA against scikit-learn 1.2 (fixtures made by
 * scripts/fixtures/make-fastica-fixtures.py): the PCA whitening, the parallel
 * and deflation fixed points on the same whitened input from the same start
 * matrix (to convergence, and the exact iterate after 3 steps), the seeded
 * end-to-end fit, and numpy's RandomState normals that draw the start matrix.
 */
import { describe, expect, it } from 'vitest';
import { fastIca, fastIcaFixedPoint } from '../../../pipelines/artifacts/fastica';
import type { IcaAlgorithm } from '../../../pipelines/artifacts/fastica';
import { NumpyRandomState } from '../../../pipelines/artifacts/numpy-random';
import { pcaWhitening } from '../../../pipelines/artifacts/whitening';
import { f64, maxAbsDiff, readFixture } from './reference-fixture';

interface Fixture {
  nSamples: number;
  nChannels: number;
  nComponents: number;
  data: string;
  whitening: { mean: string; whitening: string; whitened: string };
  wInit: string;
  unmixing: Array<{ algorithm: IcaAlgorithm; tol: number; maxIter: number; nIter: number; unmixing: string }>;
  seeded: Array<{ algorithm: IcaAlgorithm; seed: number; tol: number; maxIter: number; nIter: number; components: string; mixing: string }>;
  numpyNormal: Array<{ seed: number; count: number; values: string }>;
}

const fx = readFixture<Fixture>('fastica-reference.json');
const rowsOf = (flat: Float64Array, rows: number): Float64Array[] => Array.from({ length: rows }, (_, i) => flat.slice((i * flat.length) / rows, ((i + 1) * flat.length) / rows));
const data = rowsOf(f64(fx.data), fx.nChannels);
const whitened = rowsOf(f64(fx.whitening.whitened), fx.nComponents);

/**
 * Rows of `got` matched to rows of `want` up to sign and order: each row of
 * `want` has exactly one row of `got` equal to ± itself (largest difference returned).
 */
function diffUpToSignAndOrder(got: Float64Array, want: Float64Array, rows: number): number {
  const cols = want.length / rows;
  const used = new Set<number>();
  let worst = 0;
  for (let r = 0; r < rows; r++) {
    const w = want.subarray(r * cols, (r + 1) * cols);
    let best = Infinity;
    let bestRow = -1;
    for (let g = 0; g < rows; g++) {
      if (used.has(g)) continue;
      const row = got.subarray(g * cols, (g + 1) * cols);
      const d = Math.min(maxAbsDiff(row, w), maxAbsDiff(row.map((v) => -v), w));
      if (d >= best) continue;
      best = d;
      bestRow = g;
    }
    used.add(bestRow);
    worst = Math.max(worst, best);
  }
  return worst;
}

describe('PCA whitening', () => {
  const white = pcaWhitening(data, fx.nComponents);
  it('has sklearn mean_ and whitening_ (sign convention included)', () => {
    const want = f64(fx.whitening.whitening);
    expect(maxAbsDiff(white.mean, f64(fx.whitening.mean))).toBeLessThan(1e-12);
    // Eigenvalues of X·Xᵀ instead of an SVD of X: agreement to ~1e-10 of the largest gain.
    expect(maxAbsDiff(white.whitening, want)).toBeLessThan(1e-9 * Math.max(...want.map(Math.abs)));
  });
  it('gives the whitened input sklearn iterates on', () => {
    white.whitened.forEach((row, i) => expect(maxAbsDiff(row, whitened[i]!)).toBeLessThan(1e-9));
  });
  it('keeps the data rank when no count is given', () => {
    // Channel 6 is a combination of others plus a little noise: rank 6, with a small last value.
    expect(pcaWhitening(data, null).nComponents).toBe(6);
    const referenced = data.slice(0, 5).map((x, c, all) => x.map((v, t) => v - all.reduce((s, y) => s + y[t]!, 0) / all.length));
    expect(pcaWhitening(referenced, null).nComponents).toBe(4);
  });
});

describe.each(fx.unmixing)('$algorithm fixed point, tol $tol, max $maxIter iterations', (c) => {
  const fit = fastIcaFixedPoint(whitened, f64(fx.wInit), { algorithm: c.algorithm, tol: c.tol, maxIter: c.maxIter, alpha: 1 });
  it('takes as many iterations as sklearn', () => {
    expect(fit.nIter).toBe(c.nIter);
    expect(fit.converged).toBe(c.tol > 0);
  });
  it('reaches the same unmixing up to sign and order', () => {
    expect(diffUpToSignAndOrder(fit.unmixing, f64(c.unmixing), fx.nComponents)).toBeLessThan(1e-8);
  });
});

describe.each(fx.seeded)('seeded end to end: $algorithm, seed $seed', (c) => {
  const fit = fastIca(data, { algorithm: c.algorithm, tol: c.tol, maxIter: c.maxIter, alpha: 1, nComponents: fx.nComponents, seed: c.seed });
  it("reproduces sklearn's FastICA(random_state=seed): components_ and mixing_", () => {
    expect(fit.nIter).toBe(c.nIter);
    expect(maxAbsDiff(fit.components, f64(c.components))).toBeLessThan(1e-8);
    expect(maxAbsDiff(fit.mixing, f64(c.mixing))).toBeLessThan(1e-6);
  });
  it('gives the same result when run again', () => {
    const again = fastIca(data, { algorithm: c.algorithm, tol: c.tol, maxIter: c.maxIter, alpha: 1, nComponents: fx.nComponents, seed: c.seed });
    expect(Array.from(again.components)).toEqual(Array.from(fit.components));
  });
});

describe('numpy RandomState(seed).normal', () => {
  it.each(fx.numpyNormal)('seed $seed', (c) => {
    expect(Array.from(new NumpyRandomState(c.seed).normal(c.count))).toEqual(Array.from(f64(c.values)));
  });
  it('refuses a seed numpy refuses', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(/between 0 and 2\*\*32 - 1/);
  });
});
