/**
 * _coordsystem.json: the coordinate system and units in which electrodes.tsv
 * gives x, y, z. BIDS requires one wherever electrodes.tsv is present; it is
 * found by inheritance like the other sidecars and must carry the same space
 * entity as the electrodes file it describes. A missing or faulty one leaves
 * the signal readable — only the electrode positions are in doubt — so its
 * findings never make a recording unusable.
 */
import type { Findings } from './findings';
import { applicableSidecars } from './layout';
import type { BidsFile } from './layout';
import { readJson } from './sidecars';

/** The units BIDS allows for EEGCoordinateUnits. */
export const EEG_COORDINATE_UNITS = ['m', 'mm', 'cm', 'n/a'] as const;

/**
 * The coordsystem.json that applies to `data` (the nearest one, with the
 * electrodes file's space when there is an electrodes file). Warns when
 * electrodes.tsv applies but no coordsystem.json does.
 */
export function findCoordsystem(files: BidsFile[], data: BidsFile, electrodes: string | null, findings: Findings): string | null {
  const electrodesFile = electrodes ? files.find((f) => f.rel === electrodes) : undefined;
  const space = electrodesFile?.parsed?.entities['space'];
  const chain = applicableSidecars(files, data, 'coordsystem', '.json', ['space'])
    .filter((f) => !electrodesFile || f.parsed!.entities['space'] === space);
  const nearest = chain[chain.length - 1];
  if (nearest) return nearest.rel;
  if (electrodes) {
    const expected = electrodes.replace(/_electrodes\.tsv$/, '_coordsystem.json');
    findings.warning(expected, 'COORDSYSTEM_MISSING',
      `${electrodes} applies to ${data.rel} but no coordsystem.json does (expected ${expected}${space ? `, with space-${space}` : ''}); ` +
      'BIDS requires it to say in which coordinate system and units x, y, z are given. The signal is read regardless, but the electrode positions cannot be interpreted',
      data.rel);
  }
  return null;
}

/** Checks each coordsystem.json once, however many recordings it applies to. */
export async function checkCoordsystemFiles(root: string, rels: Iterable<string>, findings: Findings): Promise<void> {
  for (const rel of new Set(rels)) {
    const json = await readJson(root, rel, findings);
    if (json) checkCoordsystem(rel, json, findings);
  }
}

function checkCoordsystem(file: string, json: Record<string, unknown>, findings: Findings): void {
  const system = json['EEGCoordinateSystem'];
  const units = json['EEGCoordinateUnits'];
  if (!('EEGCoordinateSystem' in json)) {
    findings.error(file, 'COORDSYSTEM_FIELD_MISSING', `${file} lacks the required field EEGCoordinateSystem (e.g. "CapTrak", "EEGLAB" or "Other")`);
  } else if (typeof system !== 'string' || system.trim() === '') {
    findings.error(file, 'COORDSYSTEM_FIELD_INVALID', `${file}: EEGCoordinateSystem must be text naming the coordinate system, found ${JSON.stringify(system)}`);
  } else if (system === 'Other' && typeof json['EEGCoordinateSystemDescription'] !== 'string') {
    findings.error(file, 'COORDSYSTEM_FIELD_MISSING', `${file}: EEGCoordinateSystem is "Other", so EEGCoordinateSystemDescription must describe the axes and origin`);
  }
  if (!('EEGCoordinateUnits' in json)) {
    findings.error(file, 'COORDSYSTEM_FIELD_MISSING', `${file} lacks the required field EEGCoordinateUnits (${EEG_COORDINATE_UNITS.join(', ')})`);
  } else if (typeof units !== 'string' || !(EEG_COORDINATE_UNITS as readonly string[]).includes(units)) {
    findings.error(file, 'COORDSYSTEM_FIELD_INVALID', `${file}: EEGCoordinateUnits must be one of ${EEG_COORDINATE_UNITS.join(', ')}, found ${JSON.stringify(units)}`);
  }
}
