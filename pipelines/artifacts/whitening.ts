/**
 * PCA whitening as scikit-learn's FastICA does it (whiten_solver='svd'):
 * centre each channel, take the left singular vectors u and values d of the
 * centred data (channels × samples), flip each vector so its first entry is
 * positive, K = (u / d)ᵀ[:k], and X1 = K·X·sqrt(n_samples), whose rows have
 * unit variance and are uncorrelated.
 *
 * u and d come from the eigen-decomposition of X·Xᵀ (ml-matrix), the same
 * vectors and d² at a fraction of an SVD's cost on long recordings; X·Xᵀ and
 * K·X run in the SIMD module (fastica-simd.ts).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { PipelineError } from '../errors';
import { SimdRows } from './fastica-simd';

export interface Whitening {
  /** Per-channel mean removed before whitening. */
  mean: Float64Array;
  /** K: components × channels, row-major. */
  whitening: Float64Array;
  /** Singular values of the centred data, largest first (all channels). */
  singularValues: Float64Array;
  /** X1 = K·(X − mean)·sqrt(n): components rows of n samples. */
  whitened: Float64Array[];
  nComponents: number;
}

function channelMeans(data: ReadonlyArray<ArrayLike<number>>, n: number): Float64Array {
  const mean = new Float64Array(data.length);
  data.forEach((x, c) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += x[t]!;
    mean[c] = s / n;
  });
  return mean;
}

/** Rank of the data: singular values above `relativeTolerance` × the largest. */
export function rankOf(singularValues: Float64Array, relativeTolerance: number): number {
  const top = singularValues[0] ?? 0;
  let r = 0;
  for (const d of singularValues) if (d > top * relativeTolerance) r++;
  return r;
}

/**
 * Whitening of channels × samples data. `nComponents` null keeps the data's
 * rank (singular values above 1e-5 × the largest, so an average reference,
 * which removes one dimension, does not produce an infinite gain).
 */
export function pcaWhitening(data: ReadonlyArray<ArrayLike<number>>, nComponents: number | null): Whitening {
  const c = data.length;
  const n = data[0]?.length ?? 0;
  if (c === 0 || n < 2) throw new PipelineError('OUT_OF_RANGE', `ICA needs at least one channel and two samples; got ${c} channels of ${n} samples.`);
  const mean = channelMeans(data, n);
  const centred = new SimdRows(data, mean);
  const gram = centred.scatter();
  const rows = Array.from({ length: c }, (_, i) => Array.from(gram.subarray(i * c, (i + 1) * c)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const vectors = evd.eigenvectorMatrix;
  const singularValues = Float64Array.from(order, ([v]) => Math.sqrt(Math.max(v, 0)));
  const k = nComponents ?? rankOf(singularValues, 1e-5);
  if (!Number.isInteger(k) || k < 1 || k > c) throw new PipelineError('INVALID_SPEC', `ICA: nComponents must be between 1 and the ${c} channels; got ${k}.`);
  if (!(singularValues[k - 1]! > 0)) {
    throw new PipelineError('OUT_OF_RANGE', `ICA: the data have rank below ${k} (a flat or duplicated channel?); ask for fewer components.`);
  }
  const whitening = new Float64Array(k * c);
  for (let r = 0; r < k; r++) {
    const col = order[r]![1];
    const sign = vectors.get(0, col) < 0 ? -1 : 1;
    for (let ch = 0; ch < c; ch++) whitening[r * c + ch] = (sign * vectors.get(ch, col)) / singularValues[r]!;
  }
  return { mean, whitening, singularValues, whitened: centred.project(whitening, k, Math.sqrt(n)), nComponents: k };
}
