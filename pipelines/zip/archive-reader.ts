/**
 * yauzl's view of the archive file. yauzl reads the central directory with two small
 * reads per entry; straight from disk that is two thread-pool round trips each, about
 * 2 s for 20,000 entries on a busy machine. Once the end record has been checked, the
 * directory (bounded by the limits) is read in one go and later reads are served from
 * memory, yielding to the event loop every few hundred so a long directory never stalls it.
 */
import { createReadStream, read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

const YIELD_EVERY = 512;

type ReadCallback = (err: Error | null, bytesRead?: number) => void;

export class ArchiveReader extends yauzl.RandomAccessReader {
  private cache: Buffer | null = null;
  private cacheStart = 0;
  private served = 0;

  constructor(private readonly handle: FileHandle) {
    super();
  }

  /** Reads bytes [start, end of file) once; reads inside that range no longer touch the disk. */
  async cacheFrom(start: number, fileSize: number): Promise<void> {
    const buffer = Buffer.allocUnsafe(fileSize - start);
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, start);
    this.cache = buffer.subarray(0, bytesRead);
    this.cacheStart = start;
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback): void {
    const from = position - this.cacheStart;
    if (this.cache && from >= 0 && from + length <= this.cache.length) {
      this.cache.copy(buffer, offset, from, from + length);
      // Answer in the same turn of the loop, but let other work (an HTTP request) in now and then.
      if (++this.served % YIELD_EVERY === 0) setImmediate(() => callback(null, length));
      else process.nextTick(() => callback(null, length));
      return;
    }
    read(this.handle.fd, buffer, offset, length, position, (err, bytesRead) => callback(err, bytesRead));
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream('', { fd: this.handle.fd, start, end: end - 1, autoClose: false });
  }

  /** The file handle belongs to the caller, who closes it; only the cache goes. */
  override close(callback: (err: Error | null) => void): void {
    this.cache = null;
    setImmediate(() => callback(null));
  }
}
