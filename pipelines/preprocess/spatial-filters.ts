/**
 * sovaharmony's spatial filters (resources/spatial-filters/, MIT, see the
 * LICENSE there): `W` (components × channels) and `ch_names`, read with the
 * project's own MAT v5 reader. A filter is read once per process.
 *
 * The folder is found where the app ships it (Electron's resourcesPath), or
 * by walking up from this file to the checkout's resources/ (source, tests,
 * the built CLI), or at NEUROOPS_RESOURCES_DIR when set.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipelineError } from '../errors';
import { readMat5 } from '../eeg/eeglab/mat5';
import type { MatValue } from '../eeg/eeglab/mat5';
import type { SPATIAL_FILTER_NAMES } from './spec-schema';

export type SpatialFilterName = (typeof SPATIAL_FILTER_NAMES)[number];

export interface SpatialFilter {
  name: string;
  /** Upper-case 10-10 names, in W's column order. */
  channels: string[];
  /** One row per component (C1..Cn), one value per channel. */
  rows: Float64Array[];
}

const cache = new Map<string, SpatialFilter>();

function resourcesDir(): string {
  const fromEnv = process.env.NEUROOPS_RESOURCES_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(path.join(packaged, 'resources', 'spatial-filters'))) return path.join(packaged, 'resources');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'resources', 'spatial-filters'))) return path.join(dir, 'resources');
    const up = path.dirname(dir);
    if (up === dir) throw new PipelineError('RESOURCE_MISSING', 'The spatial filters (resources/spatial-filters/) are missing from this installation; reinstall the app or set NEUROOPS_RESOURCES_DIR.');
    dir = up;
  }
}

export function spatialFilterPath(name: SpatialFilterName): string {
  return path.join(resourcesDir(), 'spatial-filters', `spatial_filter__${name}.mat`);
}

/** Parses a filter from the bytes of its MAT file (W and ch_names). */
export function parseSpatialFilter(name: string, bytes: Uint8Array): SpatialFilter {
  const vars = readMat5(bytes);
  const w = vars.get('W');
  const names = vars.get('ch_names');
  if (!w || w.kind !== 'numeric' || w.dims.length !== 2) throw new PipelineError('INVALID_FILE', `Spatial filter ${name}: no 2-D numeric W in the file.`);
  const channels = channelNames(name, names);
  const [nComp, nChan] = w.dims as [number, number];
  if (nChan !== channels.length) {
    throw new PipelineError('INVALID_FILE', `Spatial filter ${name}: W has ${nChan} columns but ch_names lists ${channels.length} channels.`);
  }
  // W is column-major: W[k, c] = data[c * nComp + k].
  const rows = Array.from({ length: nComp }, (_, k) => Float64Array.from({ length: nChan }, (_, c) => Number(w.data[c * nComp + k])));
  return { name, channels, rows };
}

function channelNames(name: string, v: MatValue | undefined): string[] {
  const items = v?.kind === 'cell' ? v.items : [];
  const out = items.map((item) => (item.kind === 'char' ? item.rows.join('').trim().toUpperCase() : ''));
  if (out.length === 0 || out.some((c) => c === '')) throw new PipelineError('INVALID_FILE', `Spatial filter ${name}: ch_names is not a cell array of channel names.`);
  return out;
}

export function loadSpatialFilter(name: SpatialFilterName): SpatialFilter {
  let filter = cache.get(name);
  if (!filter) {
    const file = spatialFilterPath(name);
    if (!existsSync(file)) throw new PipelineError('RESOURCE_MISSING', `The spatial filter ${name} is missing (${file}); reinstall the app.`);
    filter = parseSpatialFilter(name, readFileSync(file));
    cache.set(name, filter);
  }
  return filter;
}
