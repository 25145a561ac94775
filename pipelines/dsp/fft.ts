/**
 * In-place complex FFT for power-of-two lengths (iterative radix-2,
 * decimation in time). Plans (twiddles and the bit-reversal table) are built
 * once per size and cached, because filters and Welch call the same size
 * thousands of times.
 *
 * Arbitrary lengths go through Bluestein (bluestein.ts), which reduces them to
 * power-of-two transforms of this plan.
 */

export interface FftPlan {
  readonly size: number;
  /** Forward transform (e^{-2πikn/N}), in place. */
  forward(re: Float64Array, im: Float64Array): void;
  /** Inverse transform including the 1/N factor, in place. */
  inverse(re: Float64Array, im: Float64Array): void;
}

const plans = new Map<number, FftPlan>();

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The cached plan for a power-of-two size. */
export function fftPlan(size: number): FftPlan {
  if (!isPowerOfTwo(size)) throw new RangeError(`FFT size must be a power of two, got ${size}`);
  let plan = plans.get(size);
  if (!plan) {
    plan = createPlan(size);
    plans.set(size, plan);
  }
  return plan;
}

function createPlan(n: number): FftPlan {
  const half = n >> 1;
  // cos/sin of -2πk/n for k < n/2; each stage strides through this one table.
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const a = (-2 * Math.PI * k) / n;
    cos[k] = Math.cos(a);
    sin[k] = Math.sin(a);
  }
  const rev = new Uint32Array(n);
  const bits = Math.round(Math.log2(n));
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
    rev[i] = r;
  }

  function run(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
    if (re.length < n || im.length < n) throw new RangeError(`FFT buffers shorter than ${n}`);
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        const tr = re[i]!; re[i] = re[j]!; re[j] = tr;
        const ti = im[i]!; im[i] = im[j]!; im[j] = ti;
      }
    }
    for (let size = 2; size <= n; size <<= 1) {
      const halfSize = size >> 1;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0, t = 0; k < halfSize; k++, t += step) {
          const wr = cos[t]!;
          const wi = sign * sin[t]!;
          const a = start + k;
          const b = a + halfSize;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr;
          im[b] = im[a]! - xi;
          re[a] = re[a]! + xr;
          im[a] = im[a]! + xi;
        }
      }
    }
  }

  return {
    size: n,
    forward(re, im) {
      run(re, im, 1);
    },
    inverse(re, im) {
      run(re, im, -1);
      const s = 1 / n;
      for (let i = 0; i < n; i++) {
        re[i] = re[i]! * s;
        im[i] = im[i]! * s;
      }
    },
  };
}

/** (re + i·im)[k] ×= (byRe + i·byIm)[k] for k < n: a spectrum times a filter's. */
export function multiplySpectra(re: Float64Array, im: Float64Array, byRe: Float64Array, byIm: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const xr = re[k]!;
    const xi = im[k]!;
    re[k] = xr * byRe[k]! - xi * byIm[k]!;
    im[k] = xr * byIm[k]! + xi * byRe[k]!;
  }
}
