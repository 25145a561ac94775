/**
 * Defensive zip extraction: a zip is hostile until proven otherwise.
 *
 * 1. The end record is checked first: an archive claiming more entries (or a larger
 *    central directory) than the limits allow is refused before its directory is read.
 * 2. Every entry is vetted before anything is written: its path must stay in the
 *    target folder, links, encrypted entries and duplicate names are refused, only
 *    stored and deflated data are accepted, and the declared sizes must fit the limits.
 * 3. Declared sizes can lie, so each entry is inflated with a byte counter that aborts
 *    the moment the output passes the entry's declared size, the total budget or the
 *    ratio; the CRC is checked at the end. Entries stream from disk to disk: memory
 *    does not grow with the archive (zip64 archives over 4 GiB included).
 * 4. Everything is written to a temporary sibling folder that is renamed to the
 *    target only when every entry succeeded, and removed otherwise, so a failed
 *    extraction leaves nothing behind.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ZipFile } from 'yauzl';
import { PipelineError } from '../errors';
import { openCentralDirectory } from './central-directory';
import type { CentralEntry } from './central-directory';
import { inflateEntry } from './inflate-entry';
import { withDefaults } from './limits';
import type { ZipLimits } from './limits';
import { vetEntries } from './vet';

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

export async function extractZip(zipPath: string, targetDir: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const limits = withDefaults(options.limits);
  const zipName = basename(zipPath);
  const target = resolve(targetDir);
  if (await exists(target)) {
    throw new PipelineError('TARGET_EXISTS', `cannot extract ${zipName}: ${target} already exists`);
  }
  const { zip, handle, entries, bytes, close } = await openCentralDirectory(zipPath, limits);
  const temp = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now().toString(36)}`);
  try {
    const plan = vetEntries(zipName, target, entries, bytes, limits);
    await mkdir(temp, { recursive: true });
    const budget = { written: 0 };
    const files: string[] = [];
    for (const { entry, rel, isDirectory } of plan) {
      const dest = join(temp, rel);
      if (isDirectory) {
        await mkdir(dest, { recursive: true });
        continue;
      }
      await mkdir(dirname(dest), { recursive: true });
      await inflateEntry(zipName, entry, { handle, dataStart: await dataStart(zipName, zip, entry) }, dest, limits, budget);
      files.push(rel);
    }
    await rename(temp, target);
    return { dir: target, files, totalBytes: budget.written };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    if (e instanceof PipelineError) throw e;
    throw new PipelineError('INVALID_FILE', `${zipName}: extraction failed (${(e as Error).message}); nothing was kept`);
  } finally {
    await close();
  }
}

/** Where an entry's data starts: after its local header, whose name and extra field lengths may differ from the central one. */
async function dataStart(zipName: string, zip: ZipFile, entry: CentralEntry): Promise<number> {
  try {
    return (await zip.readLocalFileHeaderPromise(entry.raw, { minimal: true })).fileDataStart;
  } catch (e) {
    throw new PipelineError('INVALID_FILE', `${zipName}: entry "${entry.name}" is corrupt (${(e as Error).message})`);
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
