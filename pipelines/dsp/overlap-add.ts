/**
 * Zero-phase FIR filtering by FFT overlap-add, as MNE 1.3's
 * _overlap_add_filter(phase='zero', pad='reflect_limited').
 *
 * Each signal is extended at both ends by len(h) − 1 samples of odd
 * reflection (2·x[0] − x[k], zeros past the signal's own length), filtered
 * block by block with the filter centred on sample 0 (so its spectrum is
 * real and there is no delay to undo). Two real signals share one complex
 * FFT (one in the real part, one in the imaginary part): the filter is real,
 * so the two convolutions come back separated.
 */
import { fftPlan } from './fft';
import { simdFftPlan } from './fft-simd';
import { filterPairsSimd } from './overlap-add-simd';
import { outputSpans, padReflectLimited } from './overlap-add-blocks';
import type { BlockLayout, Signal } from './overlap-add-blocks';

export type { Signal };

/** MNE's choice of block length: the power of two that minimises its cost model. */
export function overlapAddFftLength(filterLength: number, paddedLength: number): number {
  const minFft = 2 * filterLength - 1;
  if (paddedLength < minFft) {
    let n = 1;
    while (n < minFft) n *= 2;
    return n;
  }
  let best = 0;
  let bestCost = Infinity;
  for (let p = Math.ceil(Math.log2(minFft)); p <= Math.ceil(Math.log2(paddedLength)); p++) {
    const n = 2 ** p;
    const cost = Math.ceil(paddedLength / (n - filterLength + 1)) * n * (Math.log2(n) + 1) + 4e-5 * n * paddedLength;
    if (cost < bestCost) {
      bestCost = cost;
      best = n;
    }
  }
  return best;
}

/**
 * Filters every signal in place with the odd-length symmetric filter `taps`,
 * compensating its delay (zero phase).
 */
export function filterZeroPhase(signals: readonly Signal[], taps: Float64Array): void {
  const nh = taps.length;
  if (nh % 2 !== 1) throw new RangeError('a zero-phase filter needs an odd number of taps');
  if (signals.length === 0) return;
  if (nh === 1) {
    for (const s of signals) for (let i = 0; i < s.length; i++) s[i] = s[i]! * taps[0]!;
    return;
  }
  const byLength = new Map<number, Signal[]>();
  for (const s of signals) {
    const list = byLength.get(s.length) ?? [];
    list.push(s);
    byLength.set(s.length, list);
  }
  for (const [n, group] of byLength) filterGroup(group, n, taps);
}

/**
 * The filter's spectrum, real: the taps are placed centred on sample 0
 * (the left half wrapped to the end), so the transform of a symmetric filter
 * has no phase, and the group delay is undone by where the output is read.
 * The 1/N of the inverse transform is folded in.
 */
function centredSpectrum(taps: Float64Array, nfft: number): Float64Array {
  const half = (taps.length - 1) / 2;
  const re = new Float64Array(nfft);
  const im = new Float64Array(nfft);
  for (let j = 0; j <= half; j++) re[j] = taps[half + j]!;
  for (let j = 1; j <= half; j++) re[nfft - j] = taps[half - j]!;
  fftPlan(nfft).forward(re, im);
  for (let k = 0; k < nfft; k++) re[k] = re[k]! / nfft;
  return re;
}

function filterGroup(signals: Signal[], n: number, taps: Float64Array): void {
  const nh = taps.length;
  if (n === 0) return;
  const edge = Math.max(Math.min(nh, n) - 1, 0);
  const nfft = overlapAddFftLength(nh, n + 2 * edge);
  const gain = centredSpectrum(taps, nfft);
  const blocks: BlockLayout = { n, edge, nfft, half: (nh - 1) / 2, segLen: nfft - nh + 1 };
  const simd = simdFftPlan(nfft);
  if (simd) filterPairsSimd(signals, blocks, gain, simd);
  else filterPairs(signals, blocks, gain);
}

function filterPairs(signals: Signal[], blocks: BlockLayout, gain: Float64Array): void {
  const { n, edge, nfft, segLen } = blocks;
  const nx = n + 2 * edge;
  const plan = fftPlan(nfft);
  const extA = new Float64Array(nx);
  const extB = new Float64Array(nx);
  const outA = new Float64Array(n);
  const outB = new Float64Array(n);
  const re = new Float64Array(nfft);
  const im = new Float64Array(nfft);

  for (let c = 0; c < signals.length; c += 2) {
    const a = signals[c]!;
    const b = signals[c + 1];
    padReflectLimited(a, edge, extA);
    if (b) padReflectLimited(b, edge, extB);
    outA.fill(0);
    outB.fill(0);
    for (let start = 0; start < nx; start += segLen) {
      const stop = Math.min(start + segLen, nx);
      const len = stop - start;
      re.set(extA.subarray(start, stop));
      re.fill(0, len);
      if (b) {
        im.set(extB.subarray(start, stop));
        im.fill(0, len);
      } else {
        im.fill(0);
      }
      plan.forward(re, im);
      for (let k = 0; k < nfft; k++) {
        const g = gain[k]!;
        re[k] = re[k]! * g;
        im[k] = im[k]! * g;
      }
      // The inverse transform as a forward one with the parts swapped: FFT(i·conj Z) = i·conj(N·IFFT Z).
      plan.forward(im, re);
      for (const [to, from, count] of outputSpans(blocks, start)) {
        for (let j = 0; j < count; j++) {
          outA[to + j] = outA[to + j]! + re[from + j]!;
          outB[to + j] = outB[to + j]! + im[from + j]!;
        }
      }
    }
    a.set(outA);
    if (b) b.set(outB);
  }
}
