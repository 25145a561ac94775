/**
 * Defensive zip extraction: a zip is hostile until proven otherwise.
 *
 * 1. Every entry is vetted before anything is written: its path must stay in
 *    the target folder, links and encrypted entries are refused, only stored
 *    and deflated data are accepted, and the declared sizes must fit the limits.
 * 2. Declared sizes can lie, so each entry's compressed bytes are inflated
 *    through zlib as a stream with a byte counter that aborts the moment the
 *    output passes the entry's declared size, the total budget or the ratio;
 *    the CRC is checked at the end.
 * 3. Everything is written to a temporary sibling folder that is renamed to
 *    the target only when every entry succeeded, and removed otherwise, so a
 *    failed extraction leaves nothing behind.
 */
import AdmZip from 'adm-zip';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { PipelineError } from '../errors';
import { isSymlinkEntry, safeEntryPath } from './entry-path';
import { formatBytes, withDefaults } from './limits';
import type { ZipLimits } from './limits';

export interface ExtractOptions {
  limits?: Partial<ZipLimits>;
}

export interface ExtractResult {
  /** The target folder, now holding the zip's content. */
  dir: string;
  /** Relative paths of the files written. */
  files: string[];
  totalBytes: number;
}

const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 1;

type Entry = AdmZip.IZipEntry;

interface PlannedEntry {
  entry: Entry;
  rel: string;
}

export async function extractZip(zipPath: string, targetDir: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const limits = withDefaults(options.limits);
  const zipName = basename(zipPath);
  const target = resolve(targetDir);
  if (await exists(target)) {
    throw new PipelineError('TARGET_EXISTS', `cannot extract ${zipName}: ${target} already exists`);
  }
  const zip = await openZip(zipPath);
  const plan = vet(zipName, target, zip.getEntries(), limits);

  const temp = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(temp, { recursive: true });
  try {
    const budget = { written: 0 };
    const files: string[] = [];
    for (const { entry, rel } of plan) {
      const dest = join(temp, rel);
      if (entry.isDirectory) {
        await mkdir(dest, { recursive: true });
        continue;
      }
      await mkdir(dirname(dest), { recursive: true });
      await inflateEntry(zipName, entry, dest, limits, budget);
      files.push(rel);
    }
    await rename(temp, target);
    return { dir: target, files, totalBytes: budget.written };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    if (e instanceof PipelineError) throw e;
    throw new PipelineError('INVALID_FILE', `${zipName}: extraction failed (${(e as Error).message}); nothing was kept`);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function openZip(zipPath: string): Promise<AdmZip> {
  try {
    const s = await stat(zipPath);
    if (!s.isFile()) throw new PipelineError('INVALID_FILE', `${zipPath} is not a file`);
  } catch (e) {
    if (e instanceof PipelineError) throw e;
    throw new PipelineError('FILE_NOT_FOUND', `zip file not found: ${zipPath}`);
  }
  try {
    return new AdmZip(zipPath);
  } catch (e) {
    throw new PipelineError('INVALID_FILE', `${basename(zipPath)} is not a readable zip file (${(e as Error).message ?? e})`);
  }
}

/** Checks every entry against the rules and the declared sizes against the limits, before writing. */
function vet(zipName: string, target: string, entries: Entry[], limits: ZipLimits): PlannedEntry[] {
  if (entries.length > limits.maxEntries) {
    throw new PipelineError('ZIP_TOO_LARGE', `${zipName} holds ${entries.length} entries; the limit is ${limits.maxEntries}`);
  }
  const seen = new Set<string>();
  let declared = 0;
  let compressed = 0;
  const plan = entries.map((entry) => {
    const name = entry.entryName;
    const rel = safeEntryPath(zipName, target, name);
    const h = entry.header;
    if (isSymlinkEntry(h.attr)) {
      throw new PipelineError('UNSAFE_ZIP', `${zipName}: entry "${name}" is a symbolic link; links are not extracted, so the zip was refused`);
    }
    if (h.flags & FLAG_ENCRYPTED) {
      throw new PipelineError('UNSAFE_ZIP', `${zipName}: entry "${name}" is encrypted; decrypt the archive first`);
    }
    if (!entry.isDirectory && h.method !== STORED && h.method !== DEFLATED) {
      throw new PipelineError('INVALID_FILE', `${zipName}: entry "${name}" uses compression method ${h.method}; only stored and deflate are supported`);
    }
    const key = rel.toLowerCase();
    if (seen.has(key)) throw new PipelineError('UNSAFE_ZIP', `${zipName}: entry "${name}" appears twice; the zip is ambiguous`);
    seen.add(key);
    declared += h.size;
    compressed += h.compressedSize;
    if (h.size > limits.ratioCheckMinBytes && h.size > limits.maxRatio * Math.max(1, h.compressedSize)) {
      throw bomb(zipName, name, `declares ${formatBytes(h.size)} from ${formatBytes(h.compressedSize)} (ratio over ${limits.maxRatio})`);
    }
    return { entry, rel };
  });
  if (declared > limits.maxTotalBytes) {
    throw new PipelineError('ZIP_TOO_LARGE', `${zipName} would expand to ${formatBytes(declared)}; the limit is ${formatBytes(limits.maxTotalBytes)}`);
  }
  if (declared > limits.ratioCheckMinBytes && declared > limits.maxRatio * Math.max(1, compressed)) {
    throw bomb(zipName, '*', `expands ${formatBytes(compressed)} to ${formatBytes(declared)} (ratio over ${limits.maxRatio})`);
  }
  return plan;
}

function bomb(zipName: string, entry: string, what: string): PipelineError {
  const where = entry === '*' ? 'the archive' : `entry "${entry}"`;
  return new PipelineError('ZIP_TOO_LARGE', `${zipName}: ${where} ${what} — this looks like a zip bomb and was not extracted`);
}

/** Inflates one entry to `dest`, counting bytes as they come out of zlib and stopping at the first excess. */
async function inflateEntry(zipName: string, entry: Entry, dest: string, limits: ZipLimits, budget: { written: number }) {
  const h = entry.header;
  const name = entry.entryName;
  const compressed = entry.getCompressedData();
  let written = 0;
  let crc = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      written += chunk.length;
      budget.written += chunk.length;
      if (written > h.size) {
        return done(bomb(zipName, name, `expands past its declared ${formatBytes(h.size)}`));
      }
      if (budget.written > limits.maxTotalBytes) {
        return done(new PipelineError('ZIP_TOO_LARGE', `${zipName}: expanding "${name}" passed the limit of ${formatBytes(limits.maxTotalBytes)} in total`));
      }
      if (written > limits.ratioCheckMinBytes && written > limits.maxRatio * Math.max(1, compressed.length)) {
        return done(bomb(zipName, name, `expands more than ${limits.maxRatio} times`));
      }
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
  });
  const decode = h.method === DEFLATED ? createInflateRaw() : new PassThrough();
  try {
    await pipeline(Readable.from([compressed]), decode, counter, createWriteStream(dest, { flags: 'wx' }));
  } catch (e) {
    if (e instanceof PipelineError) throw e;
    throw new PipelineError('INVALID_FILE', `${zipName}: entry "${name}" is corrupt (${(e as Error).message})`);
  }
  if (written !== h.size || (crc >>> 0) !== (h.crc >>> 0)) {
    throw new PipelineError('INVALID_FILE', `${zipName}: entry "${name}" is corrupt (size or CRC does not match its header)`);
  }
}
