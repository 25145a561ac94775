/**
 * Positional reads on a file with researcher-facing errors. Readers never load
 * a whole recording just to parse its header; they ask for byte ranges here.
 */
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { PipelineError } from '../errors';

export class RandomAccessFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string, what = 'file'): Promise<RandomAccessFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (e) {
      throw notFoundOrUnreadable(path, what, e);
    }
    const { size } = await handle.stat();
    return new RandomAccessFile(path, handle, size);
  }

  /**
   * Reads exactly `length` bytes at `offset` into a fresh buffer whose
   * byteOffset is 0, so callers can lay aligned typed-array views over it.
   * Fails, naming the file, if the file is shorter than that.
   */
  async read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array> {
    const buf = into && into.byteLength >= length ? into.subarray(0, length) : new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buf, done, length - done, offset + done);
      if (bytesRead === 0) {
        throw new PipelineError(
          'INVALID_FILE',
          `${basename(this.path)}: file ends at byte ${offset + done}, expected ${length - done} more bytes (the file is truncated)`,
        );
      }
      done += bytesRead;
    }
    return buf;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

export function notFoundOrUnreadable(path: string, what: string, e: unknown): PipelineError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new PipelineError('FILE_NOT_FOUND', `${what} not found: ${path}`);
  if (code === 'EISDIR') return new PipelineError('INVALID_FILE', `${path}: expected a ${what}, found a folder`);
  return new PipelineError('INVALID_FILE', `cannot read ${what} ${path}: ${(e as Error).message}`);
}

/** Throws FILE_NOT_FOUND naming `path` and the file that refers to it. */
export async function requireFile(path: string, what: string, referencedBy?: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (e) {
    const err = notFoundOrUnreadable(path, what, e);
    if (referencedBy && err.code === 'FILE_NOT_FOUND') {
      throw new PipelineError('FILE_NOT_FOUND', `${basename(referencedBy)} refers to ${what} ${basename(path)}, which is missing (looked for ${path})`);
    }
    throw err;
  }
}
