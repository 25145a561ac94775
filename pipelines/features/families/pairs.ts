/**
 * Pairwise families (coherence, synchronization likelihood) give a value per
 * pair of spaces (channels or components). The spec's pair set says which
 * columns come out:
 * - `mean`: one column per space, its mean over the pairs with every other
 *   space: `{family}_{S}_{Band}` (the original table's per-component shape);
 * - `all`: one column per unordered pair: `{family}_{S1}-{S2}_{Band}`;
 * - a list of `[S1, S2]` pairs: those pairs' columns (a recording lacking
 *   a named space is refused).
 */
import { PipelineError } from '../../errors';

export type PairSet = 'mean' | 'all' | Array<[string, string]>;

/** value(i, j) for i < j is computed once per pair the set needs. */
export function pairColumns(
  family: string,
  band: string,
  spaces: readonly string[],
  pairs: PairSet,
  value: (i: number, j: number) => number,
  label: string,
): Array<[string, number]> {
  const n = spaces.length;
  if (pairs === 'mean') {
    if (n < 2) throw new PipelineError('TOO_FEW_CHANNELS', `${label}: ${family} needs at least two channels or components.`);
    const sums = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = value(i, j);
        sums[i] = sums[i]! + v;
        sums[j] = sums[j]! + v;
      }
    }
    return spaces.map((s, i) => [`${family}_${s}_${band}`, sums[i]! / (n - 1)]);
  }
  // Spaces in the order written; value() is symmetric and asked with i < j.
  const list: Array<[number, number]> = [];
  if (pairs === 'all') {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) list.push([i, j]);
  } else {
    for (const [a, b] of pairs) {
      const i = spaces.indexOf(a);
      const j = spaces.indexOf(b);
      if (i < 0 || j < 0) {
        const absent = [a, b].filter((s) => !spaces.includes(s));
        throw new PipelineError('MISSING_CHANNELS', `${label}: the ${family} pair ${a}-${b} names ${absent.join(' and ')}, which this recording does not have (it has ${spaces.join(', ')}).`);
      }
      list.push([i, j]);
    }
  }
  return list.map(([i, j]) => [`${family}_${spaces[i]}-${spaces[j]}_${band}`, value(Math.min(i, j), Math.max(i, j))]);
}

/** Columns computed band by band, ordered space (or pair) first, then band, as power_{CH}_{Band} is. */
export function spaceMajor(byBand: ReadonlyArray<ReadonlyArray<[string, number]>>): Map<string, number> {
  const columns = new Map<string, number>();
  const count = byBand[0]?.length ?? 0;
  for (let r = 0; r < count; r++) for (const cols of byBand) columns.set(cols[r]![0], cols[r]![1]);
  return columns;
}
