/**
 * The files of a BIDS dataset and the inheritance principle: a sidecar
 * applies to a data file when it sits in the file's folder or an ancestor
 * folder, has the same suffix and extension, and each of its entities has the
 * file's value. Values closer to the file override those further up.
 */
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { entitiesApply, parseBidsName } from './entities';
import type { BidsName } from './entities';

export interface BidsFile {
  /** POSIX path relative to the dataset root. */
  rel: string;
  dir: string;
  name: string;
  parsed: BidsName | null;
}

/** Folders the validator does not look into for raw data. */
const SKIPPED = new Set(['sourcedata', 'derivatives', 'code', 'stimuli']);

export async function listFiles(root: string): Promise<BidsFile[]> {
  const out: BidsFile[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(root, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name === '__MACOSX') continue;
      const childRel = rel ? posix.join(rel, e.name) : e.name;
      if (e.isDirectory()) {
        if (!(rel === '' && SKIPPED.has(e.name))) await walk(childRel);
      } else if (e.isFile()) {
        out.push({ rel: childRel, dir: rel, name: e.name, parsed: parseBidsName(e.name) });
      }
    }
  }
  await walk('');
  return out;
}

function isAncestorDir(dir: string, of: string): boolean {
  return dir === '' || of === dir || of.startsWith(dir + '/');
}

/**
 * Sidecars with `suffix` and `extension` that apply to `data`, from the
 * top of the tree down to the nearest. `ignore` lists entities a sidecar may
 * carry that the data file lacks (e.g. space for electrodes).
 */
export function applicableSidecars(files: BidsFile[], data: BidsFile, suffix: string, extension: string, ignore: readonly string[] = []): BidsFile[] {
  const ents = data.parsed?.entities ?? {};
  return files
    .filter((f) =>
      f.parsed && f.parsed.suffix === suffix && f.parsed.extension === extension && f.rel !== data.rel &&
      isAncestorDir(f.dir, data.dir) && entitiesApply(f.parsed.entities, ents, ignore))
    .sort((a, b) => depth(a.dir) - depth(b.dir) || Object.keys(a.parsed!.entities).length - Object.keys(b.parsed!.entities).length);
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
