/**
 * Window functions as scipy.signal.get_window builds them. `symmetric` is
 * scipy's fftbins=False (filter design: firwin); periodic is fftbins=True
 * (spectral analysis: welch's default).
 */

export function hamming(n: number, symmetric: boolean): Float64Array {
  return cosineWindow(n, symmetric, 0.54, 0.46);
}

export function hann(n: number, symmetric: boolean): Float64Array {
  return cosineWindow(n, symmetric, 0.5, 0.5);
}

function cosineWindow(n: number, symmetric: boolean, a0: number, a1: number): Float64Array {
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  const denom = symmetric ? n - 1 : n;
  for (let i = 0; i < n; i++) w[i] = a0 - a1 * Math.cos((2 * Math.PI * i) / denom);
  return w;
}

/** Kaiser window (symmetric), as scipy.signal.windows.kaiser(n, beta, sym=True). */
export function kaiser(n: number, beta: number): Float64Array {
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  const alpha = (n - 1) / 2;
  const denom = besselI0(beta);
  for (let i = 0; i < n; i++) {
    const r = (i - alpha) / alpha;
    w[i] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / denom;
  }
  return w;
}

/** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}
