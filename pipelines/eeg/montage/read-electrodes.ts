/**
 * Reads a recording's electrodes.tsv, with the units its coordsystem.json
 * gives (EEGCoordinateUnits), for channelPositions(). A file that cannot be
 * read or parsed counts as absent: positions then come from the standard
 * 10-05 set, and the step's report says so.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTsv } from '../bids/tsv';
import type { ElectrodesTable } from './channel-positions';

export async function readElectrodes(root: string, electrodes: string | null, coordsystem: string | null): Promise<ElectrodesTable | null> {
  if (!electrodes) return null;
  try {
    const table = parseTsv(await readFile(join(root, electrodes), 'utf8'));
    let units: string | null = null;
    if (coordsystem) {
      const json: unknown = JSON.parse((await readFile(join(root, coordsystem), 'utf8')).replace(/^\uFEFF/, ''));
      const u = (json as Record<string, unknown> | null)?.['EEGCoordinateUnits'];
      units = typeof u === 'string' ? u : null;
    }
    return { file: electrodes, rows: table.rows, units };
  } catch {
    return null;
  }
}
