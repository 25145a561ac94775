import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { extractZip } from '../../../pipelines/zip';
import { AppError } from '../../core/app-error';
import { bundleScratchPath } from '../bundles/scratch-name';
import { copyDatasetFolder, listFiles } from './copy-folder';
import { sha256File } from './hash-file';
import { UPLOAD_DATASET_DIR, UPLOAD_ID, UPLOAD_RECORD_FILE, type UploadFile, type UploadRecord } from './upload-record';

const DESCRIPTION = 'dataset_description.json';

export type UploadSummary = Omit<UploadRecord, 'files'> & { fileCount: number };

/** The dataset's root: the top of what was given, or its one top folder (how most zips are made). */
async function datasetRoot(dir: string, name: string): Promise<string> {
  const top = await fs.readdir(dir, { withFileTypes: true });
  if (top.some((e) => e.isFile() && e.name === DESCRIPTION)) return '';
  const only = top.length === 1 && top[0]?.isDirectory() ? top[0].name : undefined;
  if (only && (await fs.stat(path.join(dir, only, DESCRIPTION)).then((s) => s.isFile(), () => false))) return only;
  if (top.length === 0) throw new AppError('NOT_RECOGNIZED', `"${name}" is empty: there is no BIDS dataset in it.`);
  throw new AppError('NOT_RECOGNIZED', `"${name}" holds no BIDS dataset: ${DESCRIPTION} is neither at its top nor in its one top folder.`);
}

/** The kept table's file name: the name given, without folders, ending in .csv. */
function csvFileName(name: string): string {
  const base = name.replaceAll('\\', '/').split('/').pop() || 'table.csv';
  return /\.csv$/i.test(base) ? base : `${base}.csv`;
}

/** A refusal that names a scratch copy (an HTTP upload's) names the file the user knows instead. */
function namingUserFile(error: unknown, file: string, name: string): unknown {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string' || path.basename(file) === name) return error;
  return new AppError(code, message.replaceAll(file, name).replaceAll(path.basename(file), name));
}

/**
 * Datasets given for prediction, kept in `<dataDir>/uploads/ds-<uuid>/`: the files under
 * `dataset/` and `upload.json` (name, every file's sha256). Each upload is built in a
 * scratch folder and renamed into place only once complete, so a refused zip, an upload cut
 * off midway or a crash leaves nothing that looks like an upload (the host's start-up sweep
 * removes the scratch). Deleting an upload removes its files only: the audit records of
 * predictions made from it hold the hashes and stay.
 */
export class UploadStore {
  constructor(private readonly dir: string) {}

  /** Keeps a BIDS dataset given as a zip (extracted under the zip safety rules) or a folder (copied). */
  async add(source: string, options: { name?: string } = {}): Promise<UploadRecord> {
    const resolved = path.resolve(source);
    const stat = await fs.stat(resolved).catch(() => null);
    if (!stat) throw new AppError('RESOURCE_DOES_NOT_EXIST', `${resolved} does not exist (was it moved or on a disconnected drive?).`);
    const name = options.name ?? path.basename(resolved);
    const isZip = stat.isFile() && /\.zip$/i.test(resolved);
    // A feature table to train on is kept the same way, as the one file of its upload.
    const isCsv = stat.isFile() && /\.csv$/i.test(resolved);
    if (!stat.isDirectory() && !isZip && !isCsv) {
      throw new AppError('NOT_RECOGNIZED', `"${name}" is neither a folder nor a .zip, nor a .csv; give a BIDS dataset as a folder or zip, a feature table as a CSV.`);
    }
    await fs.mkdir(this.dir, { recursive: true });
    // Named as bundle scratch is, with this process's tag, so the start-up sweep removes a killed process's leftovers.
    const scratch = bundleScratchPath(this.dir);
    try {
      const data = path.join(scratch, UPLOAD_DATASET_DIR);
      if (isZip) {
        await fs.mkdir(scratch);
        await extractZip(resolved, data);
      } else if (isCsv) {
        await fs.mkdir(data, { recursive: true });
        await fs.copyFile(resolved, path.join(data, csvFileName(name)));
      } else {
        await copyDatasetFolder(resolved, data);
      }
      const record = await this.describe(data, name, isZip ? 'zip' : isCsv ? 'csv' : 'folder');
      await fs.writeFile(path.join(scratch, UPLOAD_RECORD_FILE), JSON.stringify(record, null, 2));
      await fs.rename(scratch, path.join(this.dir, record.id));
      return record;
    } catch (error) {
      await fs.rm(scratch, { recursive: true, force: true });
      throw namingUserFile(error, resolved, name);
    }
  }

  private async describe(data: string, name: string, source: UploadRecord['source']): Promise<UploadRecord> {
    const root = source === 'csv' ? '' : await datasetRoot(data, name);
    const files: UploadFile[] = [];
    for (const rel of await listFiles(data)) {
      const file = path.join(data, rel);
      files.push({ path: rel, bytes: (await fs.stat(file)).size, sha256: await sha256File(file) });
    }
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
    return { id: `ds-${crypto.randomUUID()}`, name, source, createdAt: Date.now(), root, bytes, files };
  }

  /** Every finished upload, newest first. */
  async list(): Promise<UploadSummary[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const records: UploadSummary[] = [];
    for (const id of names.filter((n) => UPLOAD_ID.test(n))) {
      const record = await this.read(id).catch(() => null);
      if (!record) continue;
      const { files, ...summary } = record;
      records.push({ ...summary, fileCount: files.length });
    }
    return records.sort((a, b) => b.createdAt - a.createdAt);
  }

  async get(id: string): Promise<UploadRecord> {
    if (!UPLOAD_ID.test(id)) throw this.missing(id);
    return this.read(id).catch(() => {
      throw this.missing(id);
    });
  }

  /** The folder to read the dataset from (its root, inside the upload). */
  async datasetPath(id: string): Promise<string> {
    const record = await this.get(id);
    return path.join(this.dir, id, UPLOAD_DATASET_DIR, record.root);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    // Renamed away first, so a listing never sees a half-removed upload.
    const doomed = bundleScratchPath(this.dir);
    await fs.rename(path.join(this.dir, id), doomed);
    await fs.rm(doomed, { recursive: true, force: true });
  }

  private async read(id: string): Promise<UploadRecord> {
    return JSON.parse(await fs.readFile(path.join(this.dir, id, UPLOAD_RECORD_FILE), 'utf8')) as UploadRecord;
  }

  private missing(id: string): AppError {
    return new AppError('RESOURCE_DOES_NOT_EXIST', `No upload "${id}"; the list of uploads shows the ids of those kept.`);
  }
}
