/**
 * The checks made on a zip's metadata before a single byte of it is inflated:
 * first what the end record declares (entry count, central directory size),
 * then every central directory entry (path, type, method, duplicates, declared
 * sizes and ratios). All of them are pure, so they are tested without archives.
 */
import { PipelineError } from '../errors';
import { isSymlinkEntry, safeEntryPath } from './entry-path';
import { formatBytes } from './limits';
import type { ZipLimits } from './limits';

export const STORED = 0;
export const DEFLATED = 8;
const FLAG_ENCRYPTED = 1;

/**
 * How many bytes of central directory one entry may use on average: a long path,
 * timestamps and zip64 fields fit easily. Together with the end record and its
 * comment, this bounds what parsing the directory may read and keep.
 */
const CENTRAL_BYTES_PER_ENTRY = 1024;
const END_RECORDS_BYTES = 0xffff + 22 + 20 + 56;

/** What the end of central directory record (zip64 or not) says about the archive. */
export interface EndRecord {
  entryCount: number;
  /** Bytes from the start of the central directory to the end of the file. */
  centralDirectoryBytes: number;
}

/** One central directory entry, as declared (nothing here has been verified yet). */
export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  externalAttributes: number;
  size: number;
  compressedSize: number;
  crc: number;
}

export interface PlannedEntry<T extends ZipEntryInfo> {
  entry: T;
  /** The safe relative path to write it to. */
  rel: string;
  isDirectory: boolean;
}

export function bomb(zipName: string, entry: string, what: string): PipelineError {
  const where = entry === '*' ? 'the archive' : `entry "${entry}"`;
  return new PipelineError('ZIP_TOO_LARGE', `${zipName}: ${where} ${what} — this looks like a zip bomb and was not extracted`);
}

/** Refuses an archive on its end record alone, before its central directory is read. */
export function checkEndRecord(zipName: string, end: EndRecord, limits: ZipLimits): void {
  if (end.entryCount > limits.maxEntries) {
    throw new PipelineError('ZIP_TOO_LARGE', `${zipName} holds ${end.entryCount} entries; the limit is ${limits.maxEntries}`);
  }
  const maxCentral = limits.maxEntries * CENTRAL_BYTES_PER_ENTRY + END_RECORDS_BYTES;
  if (end.centralDirectoryBytes > maxCentral) {
    throw new PipelineError(
      'ZIP_TOO_LARGE',
      `${zipName} has a central directory of ${formatBytes(end.centralDirectoryBytes)} for ${end.entryCount} entries; more than ${formatBytes(maxCentral)} is not a dataset or a bundle`,
    );
  }
}

/**
 * Checks every entry against the rules and the declared sizes against the limits.
 * `archiveBytes` is the zip's own size: entries whose compressed data add up to more
 * than that overlap, a trick to multiply one deflate stream into many outputs.
 */
export function vetEntries<T extends ZipEntryInfo>(zipName: string, target: string, entries: T[], archiveBytes: number, limits: ZipLimits): PlannedEntry<T>[] {
  if (entries.length > limits.maxEntries) {
    throw new PipelineError('ZIP_TOO_LARGE', `${zipName} holds ${entries.length} entries; the limit is ${limits.maxEntries}`);
  }
  const seen = new Set<string>();
  let declared = 0;
  let compressed = 0;
  const plan = entries.map((entry) => {
    const { name } = entry;
    const rel = safeEntryPath(zipName, target, name);
    const isDirectory = /[\\/]$/.test(name);
    if (isSymlinkEntry(entry.externalAttributes)) {
      throw new PipelineError('UNSAFE_ZIP', `${zipName}: entry "${name}" is a symbolic link; links are not extracted, so the zip was refused`);
    }
    if (entry.flags & FLAG_ENCRYPTED) {
      throw new PipelineError('UNSAFE_ZIP', `${zipName}: entry "${name}" is encrypted; decrypt the archive first`);
    }
    if (!isDirectory && entry.method !== STORED && entry.method !== DEFLATED) {
      throw new PipelineError('INVALID_FILE', `${zipName}: entry "${name}" uses compression method ${entry.method}; only stored and deflate are supported`);
    }
    // Case-insensitive: on macOS and Windows "A.txt" and "a.txt" are one file.
    const key = rel.toLowerCase();
    if (seen.has(key)) {
      throw new PipelineError('INVALID_PARAMETER_VALUE', `${zipName}: entry "${name}" appears twice; a zip must name each file once, so it was refused`);
    }
    seen.add(key);
    declared += entry.size;
    compressed += entry.compressedSize;
    if (entry.size > limits.ratioCheckMinBytes && entry.size > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      throw bomb(zipName, name, `declares ${formatBytes(entry.size)} from ${formatBytes(entry.compressedSize)} (ratio over ${limits.maxRatio})`);
    }
    return { entry, rel, isDirectory };
  });
  if (compressed > archiveBytes) {
    throw bomb(zipName, '*', `declares ${formatBytes(compressed)} of compressed data in a file of ${formatBytes(archiveBytes)}, so its entries overlap`);
  }
  if (declared > limits.maxTotalBytes) {
    throw new PipelineError('ZIP_TOO_LARGE', `${zipName} would expand to ${formatBytes(declared)}; the limit is ${formatBytes(limits.maxTotalBytes)}`);
  }
  if (declared > limits.ratioCheckMinBytes && declared > limits.maxRatio * Math.max(1, compressed)) {
    throw bomb(zipName, '*', `expands ${formatBytes(compressed)} to ${formatBytes(declared)} (ratio over ${limits.maxRatio})`);
  }
  return plan;
}
