/**
 * overlap-add.ts's block loop with the data in the SIMD module's memory: two
 * signals interleaved as one complex signal (real part, imaginary part), each
 * block transformed, multiplied by the filter's real spectrum, transformed back
 * (as a forward transform of the conjugate) and added into the output, all in
 * fft-simd.wat. The signals go in and out by typed-array copies and the
 * module's (de)interleaving; JavaScript only writes the reflected ends.
 */
import { releaseLargeMemory } from './fft-simd';
import type { SimdFftPlan } from './fft-simd';
import { outputSpans, padEdges } from './overlap-add-blocks';
import type { BlockLayout, Signal } from './overlap-add-blocks';

export function filterPairsSimd(signals: Signal[], blocks: BlockLayout, gain: Float64Array, plan: SimdFftPlan): void {
  const { n, edge, nfft, segLen } = blocks;
  const nx = n + 2 * edge;
  const { kernel, x, y } = plan;
  const { gainConj, addConj } = kernel.exports;
  const wide = signals.some((s) => s instanceof Float64Array);
  const bytes = wide ? 8 : 4;
  const [gainAt, extAt, outAt, aAt, bAt] = kernel.scratch(8 * nfft, 16 * nx, 16 * n, bytes * n, bytes * n) as [number, number, number, number, number];
  const heap = kernel.heap();
  heap.set(gain, gainAt / 8);
  const ext = heap.subarray(extAt / 8, extAt / 8 + 2 * nx);
  const out = heap.subarray(outAt / 8, outAt / 8 + 2 * n);
  const Typed = wide ? Float64Array : Float32Array;
  const aView = new Typed(kernel.exports.memory.buffer, aAt, n);
  const bView = new Typed(kernel.exports.memory.buffer, bAt, n);
  const interleave = wide ? kernel.exports.interleave64 : kernel.exports.interleave32;
  const deinterleave = wide ? kernel.exports.deinterleave64 : kernel.exports.deinterleave32;
  const spans = [];
  for (let start = 0; start < nx; start += segLen) spans.push(outputSpans(blocks, start));

  for (let c = 0; c < signals.length; c += 2) {
    const a = signals[c]!;
    const b = signals[c + 1];
    aView.set(a);
    if (b) bView.set(b);
    else bView.fill(0);
    interleave(extAt + 16 * edge, aAt, bAt, n);
    padEdges(a, edge, ext, 2, 0);
    if (b) padEdges(b, edge, ext, 2, 1);
    else for (let i = 1; i < 2 * nx; i += 2) ext[i] = 0;
    out.fill(0);
    for (let block = 0, start = 0; start < nx; block++, start += segLen) {
      const len = Math.min(segLen, nx - start);
      heap.copyWithin(x / 8, extAt / 8 + 2 * start, extAt / 8 + 2 * (start + len));
      heap.fill(0, x / 8 + 2 * len, x / 8 + 2 * nfft);
      const spectrum = plan.runAt(x, y);
      gainConj(spectrum, gainAt, nfft);
      const filtered = plan.runAt(spectrum, spectrum === x ? y : x);
      for (const [to, from, count] of spans[block]!) addConj(outAt + 16 * to, filtered + 16 * from, count);
    }
    deinterleave(aAt, bAt, outAt, n);
    a.set(aView);
    if (b) b.set(bView);
  }
  releaseLargeMemory();
}
