/** The padded input and where each overlap-add block's output lands, shared by the JavaScript and SIMD filters. */

export type Signal = Float32Array | Float64Array;

export interface BlockLayout {
  /** Samples per signal, and the reflected padding at each end. */
  n: number;
  edge: number;
  nfft: number;
  /** (taps − 1) / 2: the filter is centred on sample 0, its left half wrapped to the end. */
  half: number;
  /** Input samples per block: nfft − taps + 1. */
  segLen: number;
}

/**
 * [output index, buffer index, count] spans of the block whose input starts at
 * padded sample `start`: buffer index j holds output start − edge + j, or
 * − nfft for the wrapped (anti-causal) part; outputs outside 0..n are dropped.
 */
export function outputSpans({ n, edge, nfft, half }: BlockLayout, start: number): [number, number, number][] {
  const spans: [number, number, number][] = [];
  const origin = start - edge;
  const wrap = nfft - half;
  const first = Math.max(0, -origin);
  const last = Math.min(wrap, n - origin);
  if (last > first) spans.push([origin + first, first, last - first]);
  const wrapOrigin = origin - nfft;
  const wrapFirst = Math.max(wrap, -wrapOrigin);
  const wrapLast = Math.min(nfft, n - wrapOrigin);
  if (wrapLast > wrapFirst) spans.push([wrapOrigin + wrapFirst, wrapFirst, wrapLast - wrapFirst]);
  return spans;
}

/**
 * MNE's _smart_pad(x, (edge, edge), 'reflect_limited') into `out` (n + 2·edge
 * samples), written every `stride` elements from `offset` (2 and 0 or 1: one
 * part of an interleaved complex buffer).
 */
export function padReflectLimited(x: Signal, edge: number, out: Float64Array, stride = 1, offset = 0): void {
  padEdges(x, edge, out, stride, offset);
  for (let i = 0; i < x.length; i++) out[offset + stride * (edge + i)] = x[i]!;
}

/** Only the two reflected ends of padReflectLimited (the caller copies the signal between them). */
export function padEdges(x: Signal, edge: number, out: Float64Array, stride: number, offset: number): void {
  const n = x.length;
  const first = x[0]!;
  const last = x[n - 1]!;
  for (let p = 0; p < edge; p++) {
    const d = edge - p;
    out[offset + stride * p] = d <= n - 1 ? 2 * first - x[d]! : 0;
  }
  for (let d = 1; d <= edge; d++) {
    out[offset + stride * (edge + n - 1 + d)] = d <= n - 1 ? 2 * last - x[n - 1 - d]! : 0;
  }
}
