/**
 * Permutation entropy (Bandt & Pompe), as sovaharmony's
 * `Entropia_Permutacion(x, D)`: the ordinal pattern (the argsort) of every
 * window of D consecutive samples (delay 1), the Shannon entropy of the
 * patterns' relative frequencies in bits, divided by log2(D!) so it lies in
 * [0, 1]. Equal values keep their time order, as numpy's argsort does for
 * such short windows.
 *
 * The `entropy` family: per band, each kept epoch of the band-filtered signal
 * (band-epochs.ts), averaged over epochs. Columns: entropy_{S}_{Band}.
 */
import type { SpecBand } from '../../preprocess/spec';
import type { EegState } from '../../preprocess/types';
import { bandFilteredEpochs, checkBandsBelowNyquist } from './band-epochs';

/** Pattern code of x[i..i+D): the argsort read as a base-D number. */
function patternCode(x: ArrayLike<number>, i: number, order: number[]): number {
  const d = order.length;
  for (let k = 0; k < d; k++) order[k] = k;
  // Insertion sort of the indices by value: stable, so ties keep time order.
  for (let a = 1; a < d; a++) {
    const idx = order[a]!;
    const v = x[i + idx]!;
    let b = a - 1;
    while (b >= 0 && x[i + order[b]!]! > v) {
      order[b + 1] = order[b]!;
      b--;
    }
    order[b + 1] = idx;
  }
  let code = 0;
  for (let k = 0; k < d; k++) code = code * d + order[k]!;
  return code;
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

export function permutationEntropy(x: ArrayLike<number>, dimension: number): number {
  const windows = x.length - (dimension - 1);
  if (windows < 1) return NaN;
  const counts = new Map<number, number>();
  const order = new Array<number>(dimension).fill(0);
  for (let i = 0; i < windows; i++) {
    const code = patternCode(x, i, order);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let h = 0;
  for (const c of counts.values()) {
    const p = c / windows;
    h -= p * Math.log2(p);
  }
  return h / Math.log2(factorial(dimension));
}

export function entropyFeatures(state: EegState, bands: readonly SpecBand[], params: { dimension: number }, label: string): Map<string, number> {
  checkBandsBelowNyquist(bands, state.sfreq, label);
  const columns = new Map<string, number>();
  const values = bands.map((band) =>
    bandFilteredEpochs(state, band, 'entropy').map((epochs) => epochs.reduce((sum, e) => sum + permutationEntropy(e, params.dimension), 0) / epochs.length),
  );
  state.channels.forEach((s, c) => bands.forEach((b, i) => columns.set(`entropy_${s}_${b.name}`, values[i]![c]!)));
  return columns;
}
