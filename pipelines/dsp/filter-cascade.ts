/**
 * Several zero-phase FIR filters applied one after the other, as MNE applies
 * them (each with its own reflect_limited padding), in one overlap-add pass.
 *
 * Away from the edges the cascade is a convolution with h1 ⊛ h2 ⊛ …, so one
 * pass of the combined filter gives those samples. Near each edge the
 * paddings matter: there the filters are run one by one on a copy of the
 * first (and, reversed, the last) few thousand samples, which is exact
 * because a symmetric filter with symmetric padding commutes with reversal.
 * The output equals the sequential one to rounding (tests/unit/dsp).
 */
import { fftPlan, multiplySpectra, nextPowerOfTwo } from './fft';
import { filterZeroPhase } from './overlap-add';
import type { Signal } from './overlap-add';

/** Full linear convolution; long pairs (the notch and band-pass taps: 3301 × 1651) by FFT. */
export function convolve(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length * b.length > DIRECT_UP_TO) return convolveByFft(a, b);
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    for (let j = 0; j < b.length; j++) out[i + j] = out[i + j]! + ai * b[j]!;
  }
  return out;
}

/** Above this many multiply-adds the FFT is cheaper (3301 × 1651 taps: ~20 ms direct, < 1 ms by FFT). */
const DIRECT_UP_TO = 1 << 16;

function convolveByFft(a: Float64Array, b: Float64Array): Float64Array {
  const length = a.length + b.length - 1;
  const plan = fftPlan(nextPowerOfTwo(length));
  const [ar, ai, br, bi] = [0, 0, 0, 0].map(() => new Float64Array(plan.size)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  ar.set(a);
  br.set(b);
  plan.forward(ar, ai);
  plan.forward(br, bi);
  multiplySpectra(ar, ai, br, bi, plan.size);
  plan.inverse(ar, ai);
  return ar.slice(0, length);
}

const FUSE_FROM_HEADS = 12;

export function filterCascadeZeroPhase(signals: readonly Signal[], filters: readonly Float64Array[]): void {
  if (filters.length === 0 || signals.length === 0) return;
  if (filters.length === 1) return filterZeroPhase(signals, filters[0]!);
  // Samples within `reach` of an edge see some padding. Filter i, run on a head copy,
  // spoils the last (sum of the half-lengths so far) samples of it and needs exact input
  // up to reach + (the half-lengths still to come) samples, so 2·reach + 1 samples are
  // enough; the copy must also be as long as every filter so its padding is the full signal's.
  const reach = filters.reduce((a, h) => a + (h.length - 1) / 2, 0);
  const head = Math.max(2 * reach + 1, ...filters.map((h) => h.length));
  // The ends cost about as much as filtering 4 heads, whatever the length: below about
  // 12 heads (2 minutes at 500 Hz for the default notch and band-pass) the filters one
  // after the other are cheaper (measured: 1 minute 0.17 s against 0.22 s fused).
  const short = signals.filter((s) => s.length < FUSE_FROM_HEADS * head);
  const long = signals.filter((s) => s.length >= FUSE_FROM_HEADS * head);
  for (const h of filters) filterZeroPhase(short, h);
  if (long.length === 0) return;

  const ends = long.map((s) => ({ head: Float64Array.from(s.subarray(0, head)), tail: Float64Array.from(s.subarray(s.length - head)).reverse() }));
  const combined = filters.slice(1).reduce((acc, h) => convolve(acc, h), filters[0]!);
  filterZeroPhase(long, combined);
  const pieces = ends.flatMap((e) => [e.head, e.tail]);
  // Each filter spoils only the last samples of a piece (its right padding), far
  // from the `reach` samples kept.
  for (const h of filters) filterZeroPhase(pieces, h);
  long.forEach((s, i) => {
    const { head: hd, tail: tl } = ends[i]!;
    const n = s.length;
    for (let k = 0; k < reach; k++) {
      s[k] = hd[k]!;
      s[n - 1 - k] = tl[k]!;
    }
  });
}
