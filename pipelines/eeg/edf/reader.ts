/**
 * EDF/EDF+/BDF/BDF+ reader: header and annotations on open, samples on demand.
 *
 * Data records are read in chunks of whole records (8 MB) and decoded per
 * channel with the WebAssembly SIMD kernel (simd-decoder.ts), or, where that is
 * unavailable, with typed-array loops: EDF samples through one Int16Array view
 * per chunk (records start at even offsets in a buffer we allocate, so the
 * view is aligned), BDF samples by assembling three bytes and sign-extending.
 * Scaling is one multiply-add per sample with the unit conversion to µV
 * folded into gain and offset. Header assembly lives in recording-header.ts,
 * annotation scanning in annotations.ts.
 */
import { basename } from 'node:path';
import { PipelineError } from '../../errors';
import { allocFloat32 } from '../alloc';
import { isTriggerLabel } from '../channel-types';
import { RandomAccessFile } from '../file-io';
import { channelSpan, checkRange } from '../ranges';
import type { ChannelRange, RecordingHeader, RecordingReader } from '../types';
import { voltageScaleToMicrovolts } from '../units';
import { scanAnnotations } from './annotations';
import { EDF_FIXED_HEADER_BYTES, parseEdfHeader, signalCountFromFixedHeader } from './header';
import type { EdfHeader, EdfSignal } from './header';
import { buildHeader } from './recording-header';
import { SimdSampleDecoder } from './simd-decoder';

const CHUNK_BYTES = 8 * 1024 * 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Scaling {
  gain: number;
  offset: number;
  /**
   * Trigger channels ("Status"/"Trigger") hold event codes, not a quantity:
   * the value becomes an integer masked to its low 17 bits, as MNE does
   * (BioSemi puts status flags above bit 16).
   */
  triggerBits: boolean;
}

export async function openEdf(path: string): Promise<RecordingReader> {
  const file = await RandomAccessFile.open(path, 'EDF/BDF file');
  try {
    const fixed = await file.read(0, Math.min(EDF_FIXED_HEADER_BYTES, file.size));
    if (fixed.length < EDF_FIXED_HEADER_BYTES) {
      throw new PipelineError('INVALID_FILE', `${basename(path)}: ${file.size} bytes is too short for an EDF/BDF header (256 bytes at least)`);
    }
    const ns = signalCountFromFixedHeader(path, fixed);
    const headerBytes = Math.min(256 * (ns + 1), file.size);
    const raw = new Uint8Array(headerBytes);
    raw.set(fixed);
    raw.set(await file.read(EDF_FIXED_HEADER_BYTES, headerBytes - EDF_FIXED_HEADER_BYTES), EDF_FIXED_HEADER_BYTES);
    const edf = parseEdfHeader(path, raw, file.size);
    const dataSignals = edf.signals.filter((s) => !s.isAnnotation);
    if (dataSignals.length === 0) {
      throw new PipelineError('INVALID_FILE', `${basename(path)}: the file holds only annotations, no signals to read`);
    }
    const tals = await scanAnnotations(file, edf);
    return new EdfReader(file, edf, buildHeader(path, edf, dataSignals, tals));
  } catch (e) {
    await file.close();
    throw e;
  }
}

class EdfReader implements RecordingReader {
  private readonly signals: EdfSignal[];
  private readonly scaling: Scaling[];

  constructor(
    private readonly file: RandomAccessFile,
    private readonly edf: EdfHeader,
    readonly header: RecordingHeader,
  ) {
    this.signals = edf.signals.filter((s) => !s.isAnnotation);
    this.scaling = this.signals.map((s, i) => scalingFor(s, edf.isBdf, header.channels[i]!.fileUnit));
  }

  async readSamples(start: number, end: number, channels?: number[]): Promise<ChannelRange> {
    const picks = checkRange(this.header, start, end, channels);
    // WebAssembly SIMD kernels when available; null means the scalar JS loops.
    const simd = SimdSampleDecoder.acquire();
    try {
      return await this.read(start, end, picks, simd);
    } finally {
      simd?.release();
    }
  }

  private async read(start: number, end: number, picks: number[], simd: SimdSampleDecoder | null): Promise<ChannelRange> {
    const { edf, header } = this;
    const spans = picks.map((c) => {
      const ch = header.channels[c]!;
      return channelSpan(start, end, header.samplingRate, ch.samplingRate, ch.sampleCount);
    });
    // Every element is written below, so the arrays need no zero-fill.
    const out = spans.map(([a, b]) => allocFloat32(b - a));
    // Records that any picked channel needs.
    let firstRec = edf.recordCount;
    let lastRec = 0;
    picks.forEach((c, k) => {
      const spr = this.signals[c]!.samplesPerRecord;
      const [a, b] = spans[k]!;
      if (b > a) {
        firstRec = Math.min(firstRec, Math.floor(a / spr));
        lastRec = Math.max(lastRec, Math.ceil(b / spr));
      }
    });
    const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / edf.recordBytes));
    const maxSpr = Math.max(...this.signals.map((s) => s.samplesPerRecord));
    let buffer: Uint8Array | undefined;
    for (let r0 = firstRec; r0 < lastRec; r0 += perChunk) {
      const r1 = Math.min(lastRec, r0 + perChunk);
      const offset = edf.headerBytes + r0 * edf.recordBytes;
      const bytes = (r1 - r0) * edf.recordBytes;
      if (simd) {
        // Read the chunk straight into the kernel's memory: no copy before decoding.
        simd.reserve(bytes, maxSpr * (r1 - r0));
        buffer = await this.file.read(offset, bytes, simd.input(bytes));
      } else {
        buffer = await this.file.read(offset, bytes, buffer);
      }
      picks.forEach((c, k) => this.decodeChunk(buffer!, r0, r1, c, spans[k]!, out[k]!, simd));
    }
    return { firstSample: spans.map(([a]) => a), data: out };
  }

  /** Copies channel c's samples from records [r0, r1) that fall in `span` into `out`. */
  private decodeChunk(
    buf: Uint8Array, r0: number, r1: number, c: number, span: [number, number], out: Float32Array, simd: SimdSampleDecoder | null,
  ): void {
    const sig = this.signals[c]!;
    const spr = sig.samplesPerRecord;
    const { gain, offset, triggerBits } = this.scaling[c]!;
    const recBytes = this.edf.recordBytes;
    const i16 = simd || this.edf.isBdf || !LITTLE_ENDIAN ? null : new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength >> 1);
    const kind = this.edf.isBdf ? 'i24' : 'i16';
    const bps = this.edf.bytesPerSample;
    let firstOut = -1;
    let endOut = 0;
    let scratched = 0;
    for (let r = Math.max(r0, Math.floor(span[0] / spr)); r < r1; r++) {
      const recFirst = r * spr;
      const j0 = Math.max(0, span[0] - recFirst);
      const j1 = Math.min(spr, span[1] - recFirst);
      if (j1 <= j0) {
        if (recFirst >= span[1]) break;
        continue;
      }
      // Integer-typed offsets (| 0) keep the inner loops on V8's fast typed-array path.
      const o = (recFirst + j0 - span[0]) | 0;
      const n = (j1 - j0) | 0;
      const base = ((r - r0) * recBytes + sig.byteOffsetInRecord) | 0;
      if (firstOut < 0) firstOut = o;
      endOut = o + n;
      if (simd) {
        // Pieces of one channel are consecutive in its output: gather them in the scratch.
        simd.decode(kind, base + j0 * bps, n, scratched, gain, offset);
        scratched += n;
      } else if (i16) decodeInt16(i16, ((base >> 1) + j0) | 0, n, out, o, gain, offset);
      else if (this.edf.isBdf) decodeInt24(buf, (base + j0 * 3) | 0, n, out, o, gain, offset);
      else decodeInt16Bytes(buf, (base + j0 * 2) | 0, n, out, o, gain, offset);
    }
    if (firstOut < 0) return;
    if (simd) out.set(simd.scratch(scratched), firstOut);
    if (triggerBits) for (let k = firstOut; k < endOut; k++) out[k] = Math.trunc(out[k]!) & 0x1ffff;
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

function decodeInt16(src: Int16Array, from: number, n: number, out: Float32Array, to: number, gain: number, offset: number): void {
  for (let j = 0; j < n; j++) out[to + j] = src[from + j]! * gain + offset;
}

/** Little-endian 24-bit two's complement: assemble three bytes, then sign-extend with a shift pair. */
function decodeInt24(buf: Uint8Array, from: number, n: number, out: Float32Array, to: number, gain: number, offset: number): void {
  for (let j = 0, p = from; j < n; j++, p += 3) {
    out[to + j] = (((buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16)) << 8) >> 8) * gain + offset;
  }
}

/** Int16 on a big-endian machine, where an Int16Array view would read the wrong byte order. */
function decodeInt16Bytes(buf: Uint8Array, from: number, n: number, out: Float32Array, to: number, gain: number, offset: number): void {
  for (let j = 0, p = from; j < n; j++, p += 2) out[to + j] = (((buf[p]! | (buf[p + 1]! << 8)) << 16) >> 16) * gain + offset;
}

function scalingFor(s: EdfSignal, isBdf: boolean, fileUnit: string): Scaling {
  const trigger = isTriggerLabel(s.label);
  // BioSemi writes raw trigger bits into Status: use the digital value as is.
  if (isBdf && trigger) return { gain: 1, offset: 0, triggerBits: true };
  // phys = (d − dmin)·(pmax − pmin)/(dmax − dmin) + pmin, then × unit factor.
  const cal = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
  const unit = trigger ? 1 : (voltageScaleToMicrovolts(fileUnit) ?? 1);
  return { gain: cal * unit, offset: (s.physicalMin - s.digitalMin * cal) * unit, triggerBits: trigger };
}
