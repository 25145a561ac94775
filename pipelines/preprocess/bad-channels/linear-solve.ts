/**
 * Dense linear solves for the small systems of interpolation and sphere
 * fitting (at most a few hundred unknowns): Gaussian elimination with partial
 * pivoting. Pivoting matters: the spline system has a zero on its diagonal.
 */

/** Solves A X = B for each column of B. A is n×n row-major and is not changed. */
export function solveLinear(a: Float64Array, n: number, columns: readonly Float64Array[]): Float64Array[] {
  const m = Float64Array.from(a);
  const xs = columns.map((c) => Float64Array.from(c));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = r;
    if (m[pivot * n + col] === 0) throw new Error('singular system');
    if (pivot !== col) {
      for (let c = 0; c < n; c++) [m[col * n + c], m[pivot * n + c]] = [m[pivot * n + c]!, m[col * n + c]!];
      for (const x of xs) [x[col], x[pivot]] = [x[pivot]!, x[col]!];
    }
    const p = m[col * n + col]!;
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col]! / p;
      if (f === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c] = m[r * n + c]! - f * m[col * n + c]!;
      for (const x of xs) x[r] = x[r]! - f * x[col]!;
    }
  }
  for (const x of xs) {
    for (let r = n - 1; r >= 0; r--) {
      let s = x[r]!;
      for (let c = r + 1; c < n; c++) s -= m[r * n + c]! * x[c]!;
      x[r] = s / m[r * n + r]!;
    }
  }
  return xs;
}
