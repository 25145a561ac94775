/**
 * Seeded noise sources for the synthetic EEG: white (Box–Muller), pink (1/f) and
 * narrow-band rhythms (a damped two-pole resonator driven by white noise, which
 * gives a spectral peak with a width, like a real alpha rhythm, not a pure sine).
 * Each is scaled to unit RMS so the caller sets amplitudes in µV directly.
 */
import { SeededRandom } from '../ml/random';

export class Gaussian {
  private readonly random: SeededRandom;
  private spare: number | null = null;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  uniform(): number {
    return this.random.nextFloat();
  }

  next(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.random.nextFloat(); // (0, 1]: log never sees 0
    const v = this.random.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Normal with this mean and standard deviation. */
  normal(mean: number, sd: number): number {
    return mean + sd * this.next();
  }
}

function unitRms(x: Float64Array): Float64Array {
  let sum = 0;
  for (const v of x) sum += v * v;
  const rms = Math.sqrt(sum / x.length) || 1;
  for (let i = 0; i < x.length; i++) x[i]! /= rms;
  return x;
}

const BURN_IN = 512;

export function whiteNoise(n: number, g: Gaussian): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = g.next();
  return out;
}

/** 1/f noise by Paul Kellet's three-pole filter, plus a slow (1/f²) drift below a few Hz. */
export function pinkNoise(n: number, g: Gaussian): Float64Array {
  const out = new Float64Array(n);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let drift = 0;
  for (let i = -BURN_IN; i < n; i++) {
    const w = g.next();
    b0 = 0.99765 * b0 + w * 0.099046;
    b1 = 0.963 * b1 + w * 0.2965164;
    b2 = 0.57 * b2 + w * 1.0526913;
    drift = 0.985 * drift + g.next() * 0.12;
    if (i >= 0) out[i] = b0 + b1 + b2 + w * 0.1848 + drift;
  }
  return unitRms(out);
}

/** A rhythm centred on `hz` with a -3 dB width of about `widthHz`. */
export function rhythm(n: number, sfreq: number, hz: number, widthHz: number, g: Gaussian): Float64Array {
  const r = Math.exp((-Math.PI * widthHz) / sfreq);
  const a1 = 2 * r * Math.cos((2 * Math.PI * hz) / sfreq);
  const a2 = -r * r;
  const out = new Float64Array(n);
  let y1 = 0;
  let y2 = 0;
  for (let i = -BURN_IN; i < n; i++) {
    const y = a1 * y1 + a2 * y2 + g.next();
    y2 = y1;
    y1 = y;
    if (i >= 0) out[i] = y;
  }
  return unitRms(out);
}
