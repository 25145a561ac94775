/**
 * FastICA as scikit-learn 1.2 computes it: PCA whitening (whitening.ts), then
 * the parallel (symmetric decorrelation) or deflation (Gram–Schmidt) fixed
 * point with the logcosh contrast, the same tolerance test and iteration
 * count, and a start matrix from numpy's RandomState(seed).normal, so a seed
 * gives sklearn's `FastICA(random_state=seed, whiten='arbitrary-variance')`
 * result. Checked against sklearn in tests/unit/artifacts/fastica-reference.test.ts.
 */
import { EigenvalueDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import { fixedPointSums } from './fastica-kernels';
import { SimdRows } from './fastica-simd';
import { NumpyRandomState } from './numpy-random';
import { pcaWhitening } from './whitening';

export type IcaAlgorithm = 'parallel' | 'deflation';

export interface FixedPointOptions {
  algorithm: IcaAlgorithm;
  /** Stop when every row's |⟨w_new, w_old⟩| is within tol of 1. */
  tol: number;
  maxIter: number;
  /** logcosh's alpha (sklearn's fun_args['alpha']). */
  alpha: number;
}

export interface FixedPointResult {
  /** W: k × k, row-major; sources = W · whitened. */
  unmixing: Float64Array;
  nIter: number;
  converged: boolean;
}

export type IterationProgress = (iteration: number, maxIter: number) => void;

const TINY = 2.2250738585072014e-308;

/** (W Wᵀ)^{-1/2} W, as sklearn's _sym_decorrelation (eigenvalues clipped at the smallest normal double). */
export function symmetricDecorrelation(w: Float64Array, k: number): Float64Array {
  const m = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += w[i * k + l]! * w[j * k + l]!;
      m.set(i, j, s);
      m.set(j, i, s);
    }
  }
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const u = evd.eigenvectorMatrix;
  const inv = evd.realEigenvalues.map((s) => 1 / Math.sqrt(Math.max(s, TINY)));
  // P = u · diag(inv) · uᵀ, then P · W.
  const p = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += u.get(i, l) * inv[l]! * u.get(j, l);
      p[i * k + j] = s;
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += p[i * k + l]! * w[l * k + j]!;
      out[i * k + j] = s;
    }
  }
  return out;
}

function parallel(rows: readonly Float64Array[], wInit: Float64Array, o: FixedPointOptions, progress: IterationProgress): FixedPointResult {
  const k = rows.length;
  const n = rows[0]!.length;
  let w = symmetricDecorrelation(wInit, k);
  const simd = new SimdRows(rows);
  for (let iter = 0; iter < o.maxIter; iter++) {
    const { gx, gPrime } = simd.sums(w, k, o.alpha);
    const next = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) next[i * k + j] = gx[i * k + j]! / n - (gPrime[i]! / n) * w[i * k + j]!;
    const w1 = symmetricDecorrelation(next, k);
    let lim = 0;
    for (let i = 0; i < k; i++) {
      let dot = 0;
      for (let j = 0; j < k; j++) dot += w1[i * k + j]! * w[i * k + j]!;
      lim = Math.max(lim, Math.abs(Math.abs(dot) - 1));
    }
    w = w1;
    progress(iter + 1, o.maxIter);
    if (lim < o.tol) return { unmixing: w, nIter: iter + 1, converged: true };
  }
  return { unmixing: w, nIter: o.maxIter, converged: false };
}

function normalise(w: Float64Array): void {
  let s = 0;
  for (const v of w) s += v * v;
  const norm = Math.sqrt(s);
  for (let i = 0; i < w.length; i++) w[i] = w[i]! / norm;
}

function deflation(rows: readonly Float64Array[], wInit: Float64Array, o: FixedPointOptions, progress: IterationProgress): FixedPointResult {
  const k = rows.length;
  const n = rows[0]!.length;
  const unmixing = new Float64Array(k * k);
  let maxIter = 0;
  let converged = true;
  for (let c = 0; c < k; c++) {
    let w = wInit.slice(c * k, (c + 1) * k);
    normalise(w);
    let iter = 0;
    let done = false;
    while (iter < o.maxIter && !done) {
      iter++;
      const { gx, gPrime } = fixedPointSums(w, 1, rows, o.alpha);
      const w1 = new Float64Array(k);
      for (let j = 0; j < k; j++) w1[j] = gx[j]! / n - (gPrime[0]! / n) * w[j]!;
      // Gram–Schmidt against the components already found: w1 −= (w1·W[:c]ᵀ)·W[:c].
      const proj = new Float64Array(c);
      for (let p = 0; p < c; p++) for (let j = 0; j < k; j++) proj[p] = proj[p]! + w1[j]! * unmixing[p * k + j]!;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let p = 0; p < c; p++) s += proj[p]! * unmixing[p * k + j]!;
        w1[j] = w1[j]! - s;
      }
      normalise(w1);
      let dot = 0;
      for (let j = 0; j < k; j++) dot += w1[j]! * w[j]!;
      w = w1;
      done = Math.abs(Math.abs(dot) - 1) < o.tol;
    }
    if (!done) converged = false;
    maxIter = Math.max(maxIter, iter);
    unmixing.set(w, c * k);
    progress(c + 1, k);
  }
  return { unmixing, nIter: maxIter, converged };
}

/** The fixed point on already whitened rows, from the start matrix wInit (k × k, row-major). */
export function fastIcaFixedPoint(rows: readonly Float64Array[], wInit: Float64Array, options: FixedPointOptions, progress: IterationProgress = () => {}): FixedPointResult {
  const k = rows.length;
  if (wInit.length !== k * k) throw new RangeError(`FastICA: the start matrix must be ${k} × ${k}.`);
  return options.algorithm === 'parallel' ? parallel(rows, wInit, options, progress) : deflation(rows, wInit, options, progress);
}

export interface FastIcaOptions extends FixedPointOptions {
  /** Components to keep after whitening; null keeps the data's rank. */
  nComponents: number | null;
  /** Seed of numpy's RandomState that draws the start matrix. */
  seed: number;
}

export interface FastIcaResult extends FixedPointResult {
  nComponents: number;
  mean: Float64Array;
  /** K: components × channels. */
  whitening: Float64Array;
  /** W·K: components × channels (sklearn's components_); sources = components · (X − mean). */
  components: Float64Array;
  /** pinv(components): channels × components (sklearn's mixing_). */
  mixing: Float64Array;
}

/** FastICA of channels × samples data (sklearn's FastICA(whiten='arbitrary-variance').fit). */
export function fastIca(data: ReadonlyArray<ArrayLike<number>>, options: FastIcaOptions, progress: IterationProgress = () => {}): FastIcaResult {
  const c = data.length;
  const white = pcaWhitening(data, options.nComponents);
  const k = white.nComponents;
  const wInit = new NumpyRandomState(options.seed).normal(k * k);
  const fit = fastIcaFixedPoint(white.whitened, wInit, options, progress);
  const components = new Float64Array(k * c);
  for (let i = 0; i < k; i++) {
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += fit.unmixing[i * k + l]! * white.whitening[l * c + ch]!;
      components[i * c + ch] = s;
    }
  }
  const rows = Array.from({ length: k }, (_, i) => Array.from(components.subarray(i * c, (i + 1) * c)));
  const mixing = Float64Array.from(pseudoInverse(new Matrix(rows)).to1DArray());
  return { ...fit, nComponents: k, mean: white.mean, whitening: white.whitening, components, mixing };
}
