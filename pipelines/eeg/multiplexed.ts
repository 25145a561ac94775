/**
 * Reading sample-interleaved ("multiplexed") binary data: frames of one value
 * per channel, as in BrainVision MULTIPLEXED .eeg and EEGLAB .fdt files. A
 * sample range is one contiguous byte range, read in chunks and de-interleaved
 * through a typed-array view.
 */
import type { RandomAccessFile } from './file-io';

export type SampleType = 'INT_16' | 'UINT_16' | 'INT_32' | 'IEEE_FLOAT_32' | 'IEEE_FLOAT_64';
export const SAMPLE_BYTES: Record<SampleType, number> = {
  INT_16: 2, UINT_16: 2, INT_32: 4, IEEE_FLOAT_32: 4, IEEE_FLOAT_64: 8,
};

const CHUNK_BYTES = 8 * 1024 * 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Values of the first `count` samples in `buf` (which must start at byteOffset 0, so views are aligned). */
export function decodeSamples(buf: Uint8Array, count: number, type: SampleType, bigEndian: boolean): ArrayLike<number> {
  if (LITTLE_ENDIAN && !bigEndian) {
    switch (type) {
      case 'INT_16': return new Int16Array(buf.buffer, buf.byteOffset, count);
      case 'UINT_16': return new Uint16Array(buf.buffer, buf.byteOffset, count);
      case 'INT_32': return new Int32Array(buf.buffer, buf.byteOffset, count);
      case 'IEEE_FLOAT_32': return new Float32Array(buf.buffer, buf.byteOffset, count);
      case 'IEEE_FLOAT_64': return new Float64Array(buf.buffer, buf.byteOffset, count);
    }
  }
  // Byte order differs from the machine's: DataView handles the swap.
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const le = !bigEndian;
  const bps = SAMPLE_BYTES[type];
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const p = i * bps;
    out[i] = type === 'INT_16' ? dv.getInt16(p, le)
      : type === 'UINT_16' ? dv.getUint16(p, le)
      : type === 'INT_32' ? dv.getInt32(p, le)
      : type === 'IEEE_FLOAT_32' ? dv.getFloat32(p, le)
      : dv.getFloat64(p, le);
  }
  return out;
}

export interface InterleavedLayout {
  channelCount: number;
  type: SampleType;
  bigEndian: boolean;
  /** Byte offset of the first frame in the file. */
  dataOffset: number;
}

/** Fills out[k] with channel picks[k] over samples [start, end), each value × gains[picks[k]]. */
export async function readMultiplexed(
  file: RandomAccessFile, layout: InterleavedLayout, start: number, end: number,
  picks: number[], gains: number[], out: Float32Array[],
): Promise<void> {
  const nch = layout.channelCount;
  const frame = nch * SAMPLE_BYTES[layout.type];
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / frame));
  let buf: Uint8Array | undefined;
  for (let s0 = start; s0 < end; s0 += perChunk) {
    const s1 = Math.min(end, s0 + perChunk);
    buf = await file.read(layout.dataOffset + s0 * frame, (s1 - s0) * frame, buf);
    const values = decodeSamples(buf, (s1 - s0) * nch, layout.type, layout.bigEndian);
    deinterleave(values, s1 - s0, nch, picks, gains, out, s0 - start);
  }
}

/**
 * Frames per tile of the de-interleaving loop: 256 frames of 64 float32
 * channels are 64 kB, which stay in the L2 cache while every channel takes
 * its values from them. One strided pass per channel over a whole 8 MB chunk
 * would instead bring each cache line in from memory once per channel.
 */
const TILE_FRAMES = 256;

/** out[k][at + f] = values[f · nch + picks[k]] × gains[picks[k]] for the `frames` frames of `values`, tile by tile. */
function deinterleave(
  values: ArrayLike<number>, frames: number, nch: number, picks: number[], gains: number[], out: Float32Array[], at: number,
): void {
  for (let f0 = 0; f0 < frames; f0 += TILE_FRAMES) {
    const f1 = Math.min(frames, f0 + TILE_FRAMES);
    const end = f1 * nch;
    for (let k = 0; k < picks.length; k++) {
      const c = picks[k]!;
      const dst = out[k]!;
      const g = gains[c]!;
      let o = at + f0;
      for (let i = f0 * nch + c; i < end; i += nch) dst[o++] = values[i]! * g;
    }
  }
}

/** Same for channel-major ("vectorized") data: all samples of channel 1, then channel 2, ... */
export async function readVectorized(
  file: RandomAccessFile, layout: InterleavedLayout, totalSamples: number, start: number, end: number,
  picks: number[], gains: number[], out: Float32Array[],
): Promise<void> {
  const bps = SAMPLE_BYTES[layout.type];
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / bps));
  let buf: Uint8Array | undefined;
  for (let k = 0; k < picks.length; k++) {
    const c = picks[k]!;
    const g = gains[c]!;
    const dst = out[k]!;
    for (let s0 = start; s0 < end; s0 += perChunk) {
      const s1 = Math.min(end, s0 + perChunk);
      buf = await file.read(layout.dataOffset + (c * totalSamples + s0) * bps, (s1 - s0) * bps, buf);
      const values = decodeSamples(buf, s1 - s0, layout.type, layout.bigEndian);
      for (let i = 0, o = s0 - start; i < values.length; i++) dst[o++] = values[i]! * g;
    }
  }
}
