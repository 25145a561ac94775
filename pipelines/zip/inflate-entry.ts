/**
 * Writes one entry's data to a file, counting the bytes as they come out of zlib
 * (declared sizes can lie) and stopping at the first excess: past the entry's
 * declared size, the archive's total budget, or the ratio. The CRC is checked last.
 *
 * Reads, inflation and writes go in 1 MiB pieces: zlib's default 16 KB chunks cost
 * an async hop each, which dominated extraction time on large recordings.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { PassThrough, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { PipelineError } from '../errors';
import { formatBytes } from './limits';
import type { ZipLimits } from './limits';
import { bomb, DEFLATED } from './vet';
import type { ZipEntryInfo } from './vet';

const CHUNK = 1024 * 1024;
/** Entries up to this size are read and inflated in one step: most of a dataset's files are small sidecars. */
const SMALL_ENTRY = 1024 * 1024;

export interface EntrySource {
  handle: FileHandle;
  /** Where the entry's compressed bytes start in the archive. */
  dataStart: number;
}

/** Running totals over the whole archive. */
export interface Budget {
  written: number;
}

/** Counts inflated bytes of one entry against its declared size, the budget and the ratio. */
class OutputCounter {
  written = 0;
  crc = 0;

  constructor(
    private readonly zipName: string,
    private readonly entry: ZipEntryInfo,
    private readonly limits: ZipLimits,
    private readonly budget: Budget,
  ) {}

  pastDeclaredSize(): PipelineError {
    return bomb(this.zipName, this.entry.name, `expands past its declared ${formatBytes(this.entry.size)}`);
  }

  /** Counts a chunk of output; returns the error it causes, if any. */
  add(chunk: Buffer): PipelineError | null {
    const { entry, limits, zipName } = this;
    this.written += chunk.length;
    this.budget.written += chunk.length;
    if (this.written > entry.size) return this.pastDeclaredSize();
    if (this.budget.written > limits.maxTotalBytes) {
      return new PipelineError('ZIP_TOO_LARGE', `${zipName}: expanding "${entry.name}" passed the limit of ${formatBytes(limits.maxTotalBytes)} in total`);
    }
    if (this.written > limits.ratioCheckMinBytes && this.written > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      return bomb(zipName, entry.name, `expands more than ${limits.maxRatio} times`);
    }
    this.crc = crc32(chunk, this.crc);
    return null;
  }

  verify(): void {
    if (this.written !== this.entry.size || this.crc >>> 0 !== this.entry.crc >>> 0) {
      throw new PipelineError('INVALID_FILE', `${this.zipName}: entry "${this.entry.name}" is corrupt (size or CRC does not match its header)`);
    }
  }
}

function corrupt(zipName: string, entry: ZipEntryInfo, e: unknown): PipelineError {
  if (e instanceof PipelineError) return e;
  return new PipelineError('INVALID_FILE', `${zipName}: entry "${entry.name}" is corrupt (${(e as Error).message})`);
}

export async function inflateEntry(zipName: string, entry: ZipEntryInfo, source: EntrySource, dest: string, limits: ZipLimits, budget: Budget): Promise<void> {
  const counter = new OutputCounter(zipName, entry, limits, budget);
  try {
    if (entry.size <= SMALL_ENTRY && entry.compressedSize <= SMALL_ENTRY) await inflateSmall(entry, source, dest, counter);
    else await inflateStreaming(entry, source, dest, counter);
  } catch (e) {
    throw corrupt(zipName, entry, e);
  }
  counter.verify();
}

/** One read, one bounded synchronous inflate (at most SMALL_ENTRY + 1 bytes out), one write. */
async function inflateSmall(entry: ZipEntryInfo, source: EntrySource, dest: string, counter: OutputCounter): Promise<void> {
  const compressed = Buffer.allocUnsafe(entry.compressedSize);
  const { bytesRead } = await source.handle.read(compressed, 0, compressed.length, source.dataStart);
  if (bytesRead !== compressed.length) throw new Error('unexpected end of file');
  let data = compressed;
  if (entry.method === DEFLATED) {
    try {
      data = inflateRawSync(compressed, { maxOutputLength: entry.size + 1 });
    } catch (e) {
      // Past the cap zlib stops: the entry holds more than it declares.
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw counter.pastDeclaredSize();
      throw e;
    }
  }
  const excess = counter.add(data);
  if (excess) throw excess;
  await writeFile(dest, data, { flag: 'wx' });
}

async function inflateStreaming(entry: ZipEntryInfo, source: EntrySource, dest: string, counter: OutputCounter): Promise<void> {
  // By number, not FileHandle: a FileHandle's stream leaves a listener on it for every entry.
  const read = createReadStream('', {
    fd: source.handle.fd,
    start: source.dataStart,
    end: source.dataStart + entry.compressedSize - 1,
    highWaterMark: CHUNK,
    autoClose: false,
  });
  const decode = entry.method === DEFLATED ? createInflateRaw({ chunkSize: CHUNK }) : new PassThrough({ highWaterMark: CHUNK });
  const count = new Transform({
    highWaterMark: 4 * CHUNK,
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      done(counter.add(chunk), chunk);
    },
  });
  await pipeline(read, decode, count, createWriteStream(dest, { flags: 'wx', highWaterMark: 4 * CHUNK }));
}
