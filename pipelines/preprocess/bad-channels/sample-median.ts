/**
 * The sample-wise median over some channels (np.nanmedian over channels; the
 * robust reference's first estimate). No NaN reaches here: channels with one
 * are set aside before.
 */
import { orderPair, select } from './select';

/** At every sample, the median over the channels idx. */
export function medianOver(data: readonly Float32Array[], idx: readonly number[]): Float64Array {
  const n = data[0]?.length ?? 0;
  const out = new Float64Array(n);
  const m = idx.length;
  const col = new Float64Array(m);
  const rows = idx.map((c) => data[c]!);
  if (m > INSERTION_UP_TO) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m; k++) col[k] = rows[k]![i]!;
      out[i] = medianInPlace(col);
    }
    return out;
  }
  // The channels' order changes little from one sample to the next: each sample's
  // values are read in the previous sample's sorted order, and insertion sort
  // then has little to move.
  const order = Int32Array.from(rows.keys());
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const row = order[k]!;
      const v = rows[row]![i]!;
      let j = k;
      for (; j > 0 && col[j - 1]! > v; j--) {
        col[j] = col[j - 1]!;
        order[j] = order[j - 1]!;
      }
      col[j] = v;
      order[j] = row;
    }
    out[i] = m % 2 ? col[(m - 1) / 2]! : (col[m / 2 - 1]! + col[m / 2]!) / 2;
  }
  return out;
}

/** Up to this many channels insertion sort is quickest; beyond, its quadratic moves are not, and selection takes over. */
const INSERTION_UP_TO = 32;

/** The median of a (reordered), by selection. */
function medianInPlace(a: Float64Array): number {
  const m = a.length;
  const k = (m - 1) >> 1;
  if (m % 2) {
    select(a, k, 0, m - 1);
    return a[k]!;
  }
  const [lo, hi] = orderPair(a, k);
  return (lo + hi) / 2;
}
