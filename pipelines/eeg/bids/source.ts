/**
 * Where a dataset lives: a folder, or a zip extracted (defensively) into a
 * private temporary folder. The dataset root is the folder holding
 * dataset_description.json — the zip's top level, or its one top-level folder
 * (how most people zip a dataset).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PipelineError } from '../../errors';
import { extractZip } from '../../zip/extract';
import type { ZipLimits } from '../../zip/limits';
import { ownerTag } from '../../process-owner';

/** The system temp folders BIDS zips are unpacked into: `neuroops-bids-<owner tag>-XXXXXX`. */
export const BIDS_SCRATCH_PREFIX = 'neuroops-bids-';

export interface DatasetSource {
  kind: 'folder' | 'zip';
  /** What the user gave: the folder or the zip. */
  path: string;
  /** The folder holding dataset_description.json. */
  root: string;
  /** Removes the extracted copy of a zip; nothing for a folder. */
  dispose(): Promise<void>;
}

const DESCRIPTION = 'dataset_description.json';

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

export async function openDatasetSource(path: string, zipLimits?: Partial<ZipLimits>): Promise<DatasetSource> {
  const s = await stat(path).catch(() => null);
  if (!s) throw new PipelineError('FILE_NOT_FOUND', `dataset not found: ${path}`);
  if (s.isDirectory()) {
    if (!(await isFile(join(path, DESCRIPTION)))) {
      throw new PipelineError('NOT_BIDS', `${path} is not a BIDS dataset: it has no ${DESCRIPTION} at its top level`);
    }
    return { kind: 'folder', path, root: path, dispose: async () => {} };
  }
  if (!/\.zip$/i.test(path)) {
    throw new PipelineError('NOT_BIDS', `${path} is neither a BIDS folder nor a zip of one`);
  }
  // Named with its owner, so a start-up after a crash can tell it is nobody's now.
  const tmp = await mkdtemp(join(tmpdir(), `${BIDS_SCRATCH_PREFIX}${ownerTag()}-`));
  const dispose = () => rm(tmp, { recursive: true, force: true });
  try {
    const out = join(tmp, 'dataset');
    const { files } = await extractZip(path, out, zipLimits ? { limits: zipLimits } : {});
    if (files.length === 0) throw new PipelineError('NOT_BIDS', `${basename(path)} is empty: a BIDS zip must hold ${DESCRIPTION} and the subject folders`);
    const root = await findRoot(out);
    if (!root) {
      throw new PipelineError('NOT_BIDS', `${basename(path)} is not a BIDS dataset: no ${DESCRIPTION} at its top level or in a single top-level folder`);
    }
    return { kind: 'zip', path, root, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

async function findRoot(dir: string): Promise<string | null> {
  if (await isFile(join(dir, DESCRIPTION))) return dir;
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.') && e.name !== '__MACOSX');
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only?.isDirectory() && (await isFile(join(dir, only.name, DESCRIPTION)))) return join(dir, only.name);
  return null;
}
