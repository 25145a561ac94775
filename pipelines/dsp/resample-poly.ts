/**
 * Polyphase resampling by up/down, as scipy.signal.resample_poly with its
 * defaults (window=('kaiser', 5.0), padtype='constant', zeros outside):
 * a Kaiser-windowed sinc low-pass of 2·10·max(up, down) + 1 taps at
 * 1/max(up, down) of Nyquist, scaled by `up`, applied by upfirdn and trimmed
 * so the output is centred on the input.
 */
import { firwinLowpass } from './firwin';
import { kaiser } from './windows';

export const RESAMPLE_KAISER_BETA = 5.0;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Reduced up/down factors that take `from` Hz to `to` Hz (both rational to 1e-9). */
export function resampleFactors(from: number, to: number): { up: number; down: number } {
  const scale = 1000;
  const a = Math.round(to * scale);
  const b = Math.round(from * scale);
  if (Math.abs(a / scale - to) > 1e-9 || Math.abs(b / scale - from) > 1e-9) {
    throw new RangeError(`sampling rates must be multiples of 0.001 Hz, got ${from} → ${to}`);
  }
  const g = gcd(a, b);
  return { up: a / g, down: b / g };
}

export interface ResamplePlan {
  up: number;
  down: number;
  /** Filter with scipy's zero pre/post padding applied. */
  taps: Float64Array;
  preRemove: number;
}

export function resamplePlan(upIn: number, downIn: number): ResamplePlan {
  if (!Number.isInteger(upIn) || !Number.isInteger(downIn) || upIn < 1 || downIn < 1) {
    throw new RangeError('up and down must be positive integers');
  }
  const g = gcd(upIn, downIn);
  const up = upIn / g;
  const down = downIn / g;
  const maxRate = Math.max(up, down);
  const halfLen = 10 * maxRate;
  const core = firwinLowpass(2 * halfLen + 1, 1 / maxRate, kaiser(2 * halfLen + 1, RESAMPLE_KAISER_BETA));
  const prePad = down - (halfLen % down);
  const preRemove = Math.floor((halfLen + prePad) / down);
  return { up, down, taps: withPadding(core, up, prePad), preRemove };
}

function withPadding(core: Float64Array, up: number, prePad: number): Float64Array {
  const taps = new Float64Array(prePad + core.length);
  for (let i = 0; i < core.length; i++) taps[prePad + i] = core[i]! * up;
  return taps;
}

/** Output length of scipy's resample_poly: ceil(n·up/down). */
export function resampledLength(n: number, up: number, down: number): number {
  return Math.ceil((n * up) / down);
}

/**
 * Resamples one signal. scipy may append trailing zero taps so the filter's
 * output covers the requested length; reading outside the taps as zero here
 * is the same thing.
 */
export function resamplePoly(x: ArrayLike<number>, plan: ResamplePlan): Float64Array {
  const { up, down, taps, preRemove } = plan;
  const n = x.length;
  if (up === 1 && down === 1) return Float64Array.from(x);
  const nOut = resampledLength(n, up, down);
  const y = new Float64Array(nOut);
  const nh = taps.length;
  for (let k = 0; k < nOut; k++) {
    // upfirdn: y[k] = Σ_j h[j]·xu[t − j], t = (k + preRemove)·down, xu = x upsampled by `up`.
    const t = (k + preRemove) * down;
    let j = t % up;
    let acc = 0;
    let xi = (t - j) / up;
    if (xi >= n) {
      const skip = xi - (n - 1);
      j += skip * up;
      xi = n - 1;
    }
    for (; j < nh && xi >= 0; j += up, xi--) acc += taps[j]! * x[xi]!;
    y[k] = acc;
  }
  return y;
}
