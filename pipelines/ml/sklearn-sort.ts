/**
 * scikit-learn's node sort (sklearn/tree/_splitter.pyx, 1.2): introsort with a
 * median-of-3 pivot and a 3-way partition, heapsort past depth 2·⌊ln n⌋, moving
 * the sample indices with the values. Equal values end up in the order this
 * algorithm leaves them, and sums over a node's samples are added in that
 * order, so using the same sort makes the split scores equal to the last bit.
 */
function swap(xf: Float64Array, samples: Int32Array, i: number, j: number): void {
  const v = xf[i]!;
  xf[i] = xf[j]!;
  xf[j] = v;
  const s = samples[i]!;
  samples[i] = samples[j]!;
  samples[j] = s;
}

function median3(xf: Float64Array, o: number, n: number): number {
  const a = xf[o]!;
  const b = xf[o + Math.floor(n / 2)]!;
  const c = xf[o + n - 1]!;
  if (a < b) {
    if (b < c) return b;
    return a < c ? c : a;
  }
  if (b < c) return a < c ? a : c;
  return b;
}

function siftDown(xf: Float64Array, samples: Int32Array, o: number, start: number, end: number): void {
  let root = start;
  for (;;) {
    const child = root * 2 + 1;
    let maxind = root;
    if (child < end && xf[o + maxind]! < xf[o + child]!) maxind = child;
    if (child + 1 < end && xf[o + maxind]! < xf[o + child + 1]!) maxind = child + 1;
    if (maxind === root) return;
    swap(xf, samples, o + root, o + maxind);
    root = maxind;
  }
}

function heapsort(xf: Float64Array, samples: Int32Array, o: number, n: number): void {
  for (let start = Math.floor((n - 2) / 2); ; start--) {
    siftDown(xf, samples, o, start, n);
    if (start === 0) break;
  }
  for (let end = n - 1; end > 0; end--) {
    swap(xf, samples, o, o + end);
    siftDown(xf, samples, o, 0, end);
  }
}

function introsort(xf: Float64Array, samples: Int32Array, o: number, n: number, maxd: number): void {
  while (n > 1) {
    if (maxd <= 0) {
      heapsort(xf, samples, o, n);
      return;
    }
    maxd--;
    const pivot = median3(xf, o, n);
    let i = 0;
    let l = 0;
    let r = n;
    while (i < r) {
      const v = xf[o + i]!;
      if (v < pivot) {
        swap(xf, samples, o + i, o + l);
        i++;
        l++;
      } else if (v > pivot) {
        r--;
        swap(xf, samples, o + i, o + r);
      } else {
        i++;
      }
    }
    introsort(xf, samples, o, l, maxd);
    o += r;
    n -= r;
  }
}

/** Sorts xf[start:end] ascending, permuting samples[start:end] alongside, exactly as scikit-learn does. */
export function sklearnSort(xf: Float64Array, samples: Int32Array, start: number, end: number): void {
  const n = end - start;
  if (n === 0) return;
  introsort(xf, samples, start, n, 2 * Math.trunc(Math.log(n)));
}
