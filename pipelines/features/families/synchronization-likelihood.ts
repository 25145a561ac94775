/**
 * Synchronization likelihood (Stam & van Dijk 2002), following the HERMES
 * toolbox's definition as sovaharmony's Python port of it computes it
 * (eeg_harmonization misc/sl/sl.py: sl() and synchronization()):
 *
 * - each channel k is embedded with dimension m and lag L:
 *   X_k,i = (x_k[i], x_k[i+L], …, x_k[i+(m−1)L]), i < N − L(m−1);
 * - reference points i are every 16th (1-based i a multiple of 16);
 * - for each i, the points j with w1 < |i − j| < w2 (Theiler window and
 *   time-resolution window) are compared by Euclidean distance;
 * - ε_k,i is the distance ranked ceil(pref·n_j) among those (ascending), so
 *   a fraction pref of them are "recurrences" (a hit: distance ≤ ε_k,i);
 * - with H_kl the number of (i, j) hit in both k and l, and H_kk those hit
 *   in k, S_kl = 2·H_kl / (H_kk + H_ll) (0 when both are 0), S_kk = 1.
 *
 * The `sl` family: per band, S of each kept epoch of the band-filtered
 * signal, averaged over the epochs; columns by the spec's pair set.
 * Hits are kept as bit sets, so counting the pairs' joint hits is a popcount.
 */
import type { SpecBand } from '../../preprocess/spec';
import type { EegState } from '../../preprocess/types';
import { bandFilteredEpochs, checkBandsBelowNyquist } from './band-epochs';
import { pairColumns, spaceMajor } from './pairs';
import type { PairSet } from './pairs';

export interface SlParams {
  /** Embedding lag L, samples. */
  lag: number;
  /** Embedding dimension m. */
  dimension: number;
  /** Theiler window: |i − j| must exceed it. */
  w1: number;
  /** Time-resolution window: |i − j| must stay below it. */
  w2: number;
  /** Fraction of the compared points that count as recurrences. */
  pref: number;
}

/** Reference points are taken every SPEED samples, as HERMES does. */
const SPEED = 16;

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The k-th smallest (0-based) of values[0..n), k small (pref·n): the k + 1
 * smallest kept sorted in `best`, most values rejected by one comparison.
 */
function kthSmallest(values: Float64Array, n: number, k: number, best: Float64Array): number {
  let size = 0;
  for (let t = 0; t < n; t++) {
    const v = values[t]!;
    if (size === k + 1 && v >= best[k]!) continue;
    let at = size === k + 1 ? k : size++;
    while (at > 0 && best[at - 1]! > v) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = v;
  }
  return best[k]!;
}

/** S (channels × channels, row-major) of one multichannel segment. */
export function synchronizationLikelihood(data: ReadonlyArray<ArrayLike<number>>, p: SlParams): Float64Array {
  const { lag, dimension, w1, w2, pref } = p;
  const channels = data.length;
  const samples = data[0]?.length ?? 0;
  const points = samples - lag * (dimension - 1);
  const hits = new Float64Array(channels * channels);
  const dist = new Float64Array(2 * w2);
  const best = new Float64Array(2 * w2);
  const head = new Float64Array(dimension);
  const words = Math.ceil((2 * w2) / 32);
  const bits = Array.from({ length: channels }, () => new Uint32Array(words));
  for (let ii = SPEED - 1; ii < points; ii += SPEED) {
    // Valid j (0-based): w1 < |ii − j| < w2, inside [0, points): two runs, before and after ii.
    const runs = [Math.max(0, ii - w2 + 1), ii - w1, ii + w1 + 1, Math.min(points, ii + w2)];
    const nj = Math.max(0, runs[1]! - runs[0]!) + Math.max(0, runs[3]! - runs[2]!);
    if (nj === 0) continue;
    const rank = Math.ceil(pref * nj) - 1;
    for (let k = 0; k < channels; k++) {
      const x = data[k]!;
      for (let d = 0; d < dimension; d++) head[d] = x[ii + d * lag]!;
      let t = 0;
      for (let r = 0; r < 4; r += 2) {
        if (dimension === 3) {
          // The default dimension unrolled: about three times faster in V8.
          const [h0, h1, h2] = [head[0]!, head[1]!, head[2]!];
          for (let j = runs[r]!; j < runs[r + 1]!; j++) {
            const a = h0 - x[j]!;
            const b = h1 - x[j + lag]!;
            const c = h2 - x[j + 2 * lag]!;
            dist[t++] = Math.sqrt(a * a + b * b + c * c);
          }
          continue;
        }
        for (let j = runs[r]!; j < runs[r + 1]!; j++) {
          let sq = 0;
          for (let d = 0, o = j; d < dimension; d++, o += lag) {
            const diff = head[d]! - x[o]!;
            sq += diff * diff;
          }
          dist[t++] = Math.sqrt(sq);
        }
      }
      const eps = kthSmallest(dist, nj, rank, best);
      const b = bits[k]!;
      b.fill(0);
      for (let u = 0; u < nj; u++) if (dist[u]! <= eps) b[u >>> 5] = b[u >>> 5]! | (1 << (u & 31));
    }
    for (let k = 0; k < channels; k++) {
      const bk = bits[k]!;
      for (let l = k; l < channels; l++) {
        const bl = bits[l]!;
        let c = 0;
        for (let w = 0; w < words; w++) c += popcount(bk[w]! & bl[w]!);
        hits[k * channels + l] = hits[k * channels + l]! + c;
      }
    }
  }
  const s = new Float64Array(channels * channels);
  for (let k = 0; k < channels; k++) {
    for (let l = 0; l < channels; l++) {
      const [a, b] = k <= l ? [k, l] : [l, k];
      const denom = hits[k * channels + k]! + hits[l * channels + l]!;
      s[k * channels + l] = (2 * hits[a * channels + b]!) / (denom === 0 ? 1 : denom);
    }
  }
  return s;
}

export function slFeatures(state: EegState, bands: readonly SpecBand[], params: SlParams & { pairs: PairSet }, label: string): Map<string, number> {
  checkBandsBelowNyquist(bands, state.sfreq, label);
  const n = state.channels.length;
  const byBand = bands.map((band) => {
    const filtered = bandFilteredEpochs(state, band, 'sl');
    const mean = new Float64Array(n * n);
    const epochs = filtered[0]?.length ?? 0;
    for (let e = 0; e < epochs; e++) {
      const s = synchronizationLikelihood(filtered.map((ch) => ch[e]!), params);
      for (let k = 0; k < mean.length; k++) mean[k] = mean[k]! + s[k]! / epochs;
    }
    return pairColumns('sl', band.name, state.channels, params.pairs, (i, j) => mean[i * n + j]!, label);
  });
  return spaceMajor(byBand);
}
