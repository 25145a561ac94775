/**
 * Buffered output of large text or binary exports (a recording's samples,
 * millions of annotations) to a sink that applies backpressure, so that
 * nothing the size of the output is ever held in memory or in one string.
 */
import { writeAscii } from './float-text';

/** Takes a chunk; resolves when the destination can take more. The chunk is not touched afterwards. */
export type ChunkSink = (chunk: Uint8Array) => Promise<void>;

const CHUNK = 1 << 20;
/** Room kept free for one value or one short line (an annotation, ≤ 256 bytes but its text) before a flush is needed. */
const SLACK = 256;
const encoder = new TextEncoder();

export class TextWriter {
  private buf = new Uint8Array(CHUNK);
  private pos = 0;

  constructor(private readonly sink: ChunkSink) {}

  /** True when the buffer should be flushed before writing another value. */
  get full(): boolean {
    return this.pos > CHUNK - SLACK;
  }

  /** Any text; UTF-8. */
  async text(s: string): Promise<void> {
    if (s.length * 3 > CHUNK - SLACK - this.pos) {
      await this.flush();
      if (s.length * 3 > CHUNK - SLACK) {
        await this.sink(encoder.encode(s));
        return;
      }
    }
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Short ASCII (numbers, punctuation); the caller checks `full` between values. */
  ascii(s: string): void {
    this.pos = writeAscii(s, this.buf, this.pos);
  }

  /** A short run of bytes (at most 64); the caller checks `full` first. */
  small(b: Uint8Array): void {
    if (b.length > 64) throw new Error('TextWriter.small: use bytes() for long runs');
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** Bytes passed straight through (after what is buffered). */
  async bytes(b: Uint8Array): Promise<void> {
    await this.flush();
    await this.sink(b);
  }

  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const chunk = this.buf.subarray(0, this.pos);
    // The sink may keep the chunk until it is written: continue in a fresh buffer.
    this.buf = new Uint8Array(CHUNK);
    this.pos = 0;
    await this.sink(chunk);
  }
}
