/**
 * In-place complex FFT for power-of-two lengths (the mixed-radix Stockham plan,
 * radix 4 and 2; fft-simd.ts runs the same stages on WebAssembly SIMD). Plans (twiddles, a work buffer) are built once per size and
 * cached, because filters and Welch call the same size thousands of times.
 *
 * Other lengths: dftPlan (bluestein.ts) takes lengths of factors 2, 3, 5 to the
 * mixed-radix plan, and the rest through Bluestein onto a power of two.
 */
import { simdFftPlan } from './fft-simd';
import { mixedRadixPlan } from './mixed-radix';

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

/** The cached plan for a power-of-two size: on WebAssembly SIMD where the runtime has it. */
export function fftPlan(size: number): FftPlan {
  if (!isPowerOfTwo(size)) throw new RangeError(`FFT size must be a power of two, got ${size}`);
  const simd = simdFftPlan(size);
  if (simd) return simd;
  let plan = plans.get(size);
  if (!plan) {
    plan = mixedRadixPlan(size)!;
    plans.set(size, plan);
  }
  return plan;
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
