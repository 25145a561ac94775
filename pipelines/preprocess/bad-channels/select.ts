/** Hoare selection (quickselect) in place, for the order statistics of bad-channel detection. */

/** Rearranges a[lo..hi] so a[k] holds the value that sorted order would put there. */
export function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted or constant input from going quadratic.
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * The k-th and (k+1)-th smallest of a[lo..] (the second is a[k] itself when k is
 * the last place): selection puts the k-th in place with everything larger to its
 * right, where the next one is the smallest.
 */
export function orderPair(a: Float64Array, k: number, lo = 0): [number, number] {
  select(a, k, lo, a.length - 1);
  let next = Infinity;
  for (let i = k + 1; i < a.length; i++) if (a[i]! < next) next = a[i]!;
  return [a[k]!, k + 1 < a.length ? next : a[k]!];
}
