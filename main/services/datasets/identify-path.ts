import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import type { DROP_KINDS } from '../../contract/desktop';
import { BUNDLE_FILES } from '../bundles/bundle-format';
import { zipEntryNames } from './zip-entry-names';

export type DropKind = (typeof DROP_KINDS)[number];

const DESCRIPTION = 'dataset_description.json';
const RECORDING = /\.(edf|bdf|vhdr|set|fif)$/i;

const WHAT_WE_TAKE = 'NeuroOps takes a BIDS dataset (a folder, or a .zip of one) or a model bundle (.zip).';

function refuse(target: string, why: string): AppError {
  return new AppError('NOT_RECOGNIZED', `"${path.basename(target)}" ${why}. ${WHAT_WE_TAKE}`);
}

/** A bundle has its manifest and model at the top; a BIDS zip has its description at the top or in its one top folder. */
function kindOfZip(names: string[]): DropKind | null {
  const top = new Set(names.filter((n) => !n.includes('/') || (n.endsWith('/') && n.indexOf('/') === n.length - 1)));
  if (top.has(BUNDLE_FILES.manifest) && top.has(BUNDLE_FILES.model)) return 'model-bundle';
  if (names.some((n) => n === DESCRIPTION || /^[^/]+\/dataset_description\.json$/.test(n))) return 'bids-zip';
  return null;
}

/** What a dropped or chosen path is, or NOT_RECOGNIZED saying why it is none of what the app takes. */
export async function identifyPath(target: string): Promise<{ kind: DropKind; path: string; name: string }> {
  const resolved = path.resolve(target);
  const name = path.basename(resolved);
  const stat = await fs.stat(resolved).catch(() => null);
  if (!stat) throw new AppError('RESOURCE_DOES_NOT_EXIST', `${resolved} does not exist (was it moved or on a disconnected drive?).`);
  if (stat.isDirectory()) {
    const described = await fs.stat(path.join(resolved, DESCRIPTION)).then((s) => s.isFile(), () => false);
    if (!described) throw refuse(resolved, `is a folder without ${DESCRIPTION} at its top, so not a BIDS dataset`);
    return { kind: 'bids-folder', path: resolved, name };
  }
  if (/\.zip$/i.test(name)) {
    const names = await zipEntryNames(resolved).catch((error: unknown) => {
      throw refuse(resolved, `cannot be opened as a zip: ${(error as Error).message}`);
    });
    const kind = kindOfZip(names);
    if (!kind) throw refuse(resolved, `is a zip with neither ${DESCRIPTION} (a BIDS dataset) nor ${BUNDLE_FILES.manifest} and ${BUNDLE_FILES.model} (a model bundle)`);
    return { kind, path: resolved, name };
  }
  if (RECORDING.test(name)) throw refuse(resolved, 'is a single recording; drop the BIDS dataset that holds it instead');
  throw refuse(resolved, 'is neither a folder nor a zip');
}
