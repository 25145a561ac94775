/**
 * DFT of any length. Lengths of factors 2, 3 and 5 use the mixed-radix plan;
 * others Bluestein's chirp-z algorithm: the length-N transform
 * becomes a circular convolution of length M ≥ 2N − 1 (a power of two), done
 * with the radix-2 plan. Used where scipy uses an arbitrary nfft (a Welch
 * segment of 1000 samples, a 5 s epoch at 250 Hz).
 */
import { fftPlan, isPowerOfTwo, multiplySpectra, nextPowerOfTwo } from './fft';
import type { FftPlan } from './fft';
import { simdFftPlan } from './fft-simd';
import { mixedRadixPlan } from './mixed-radix';

export interface DftPlan {
  readonly size: number;
  /** Forward DFT (e^{-2πikn/N}) in place on buffers of at least `size`. */
  forward(re: Float64Array, im: Float64Array): void;
}

const plans = new Map<number, DftPlan>();

/** A forward DFT plan for any length ≥ 1 (on WebAssembly SIMD for lengths of factors 2, 3, 5 where it can). */
export function dftPlan(size: number): DftPlan {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`DFT size must be a positive integer, got ${size}`);
  const simd = simdFftPlan(size);
  if (simd) return simd;
  let plan = plans.get(size);
  if (!plan) {
    plan = isPowerOfTwo(size) ? fftPlan(size) : (mixedRadixPlan(size) ?? createBluestein(size));
    plans.set(size, plan);
  }
  return plan;
}

function createBluestein(n: number): DftPlan {
  const m = nextPowerOfTwo(2 * n - 1);
  // The power-of-two plan is looked up at each use, not kept: a SIMD plan belongs to one
  // module instance, which fft-simd.ts may drop after a long recording.
  const fft = (): FftPlan => fftPlan(m);
  // chirp w[k] = exp(-iπk²/n); k² taken mod 2n keeps the angle exact for large k.
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const k2 = (k * k) % (2 * n);
    const a = (-Math.PI * k2) / n;
    wr[k] = Math.cos(a);
    wi[k] = Math.sin(a);
  }
  // The spectrum of the conjugate chirp, laid out circularly, computed once.
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = wr[0]!;
  bi[0] = -wi[0]!;
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = wr[k]!;
    bi[k] = bi[m - k] = -wi[k]!;
  }
  fft().forward(br, bi);
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);

  return {
    size: n,
    forward(re, im) {
      ar.fill(0);
      ai.fill(0);
      for (let k = 0; k < n; k++) {
        const xr = re[k]!;
        const xi = im[k]!;
        ar[k] = xr * wr[k]! - xi * wi[k]!;
        ai[k] = xr * wi[k]! + xi * wr[k]!;
      }
      const plan = fft();
      plan.forward(ar, ai);
      multiplySpectra(ar, ai, br, bi, m);
      plan.inverse(ar, ai);
      for (let k = 0; k < n; k++) {
        const xr = ar[k]!;
        const xi = ai[k]!;
        re[k] = xr * wr[k]! - xi * wi[k]!;
        im[k] = xr * wi[k]! + xi * wr[k]!;
      }
    },
  };
}

/**
 * One-sided spectrum of a real signal of length n: bins 0..floor(n/2),
 * as scipy.fft.rfft returns them.
 */
export function rfft(x: ArrayLike<number>, n = x.length): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const len = Math.min(n, x.length);
  for (let i = 0; i < len; i++) re[i] = x[i]!;
  dftPlan(n).forward(re, im);
  const bins = Math.floor(n / 2) + 1;
  return { re: re.slice(0, bins), im: im.slice(0, bins) };
}
