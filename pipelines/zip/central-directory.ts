/**
 * Opens a zip lazily with yauzl (zip64 included) and reads its central directory
 * one entry at a time, after the end record has passed `checkEndRecord`: a zip that
 * claims 200,000 entries is refused having read only its last 64 KB.
 */
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { PipelineError } from '../errors';
import { ArchiveReader } from './archive-reader';
import { checkEndRecord } from './vet';
import type { ZipEntryInfo } from './vet';
import type { ZipLimits } from './limits';

export interface CentralEntry extends ZipEntryInfo {
  /** yauzl's record, needed to find the entry's data. */
  raw: Entry;
}

export interface OpenedZip {
  zip: ZipFile;
  /** The archive, open for reading. */
  handle: FileHandle;
  entries: CentralEntry[];
  /** The archive's size on disk. */
  bytes: number;
  /** Closes the archive; the caller must, once done with it. */
  close(): Promise<void>;
}

function unreadable(zipName: string, e: unknown): PipelineError {
  return new PipelineError('INVALID_FILE', `${zipName} is not a readable zip file (${(e as Error).message ?? e})`);
}

async function openFile(zipPath: string): Promise<{ handle: FileHandle; size: number }> {
  const s = await stat(zipPath).catch(() => null);
  if (!s) throw new PipelineError('FILE_NOT_FOUND', `zip file not found: ${zipPath}`);
  if (!s.isFile()) throw new PipelineError('INVALID_FILE', `${zipPath} is not a file`);
  const handle = await open(zipPath, 'r').catch((e: unknown) => {
    throw new PipelineError('INVALID_FILE', `${basename(zipPath)} could not be opened (${(e as Error).message})`);
  });
  return { handle, size: (await handle.stat()).size };
}

function describe(raw: Entry): CentralEntry {
  const name = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, true);
  return {
    raw,
    name,
    method: raw.compressionMethod,
    flags: raw.generalPurposeBitFlag,
    externalAttributes: raw.externalFileAttributes,
    size: raw.uncompressedSize,
    compressedSize: raw.compressedSize,
    crc: raw.crc32,
  };
}

function readEntries(zip: ZipFile): Promise<CentralEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: CentralEntry[] = [];
    zip.on('entry', (raw: Entry) => {
      entries.push(describe(raw));
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** Opens the zip, checks its end record against the limits, then reads its entries. */
export async function openCentralDirectory(zipPath: string, limits: ZipLimits): Promise<OpenedZip> {
  const zipName = basename(zipPath);
  const { handle, size } = await openFile(zipPath);
  const reader = new ArchiveReader(handle);
  let zip: ZipFile | undefined;
  try {
    // Names stay raw so that ours, not yauzl's, are the checks and messages on paths.
    zip = await yauzl
      .fromRandomAccessReaderPromise(reader, size, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true })
      .catch((e: unknown) => {
        throw unreadable(zipName, e);
      });
    // Before any entry is read, the cursor is where the central directory starts.
    const start = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    checkEndRecord(zipName, { entryCount: zip.entryCount, centralDirectoryBytes: size - start }, limits);
    if (start < size) await reader.cacheFrom(start, size);
    const entries = await readEntries(zip).catch((e: unknown) => {
      throw unreadable(zipName, e);
    });
    const opened = zip;
    const close = async () => {
      opened.close();
      await handle.close();
    };
    return { zip, handle, entries, bytes: size, close };
  } catch (e) {
    zip?.close();
    await handle.close();
    throw e;
  }
}
