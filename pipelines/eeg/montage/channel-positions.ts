/**
 * Positions for a recording's channels: from its electrodes.tsv when that
 * gives every channel a position, else the standard 10-05 positions. The two
 * are never mixed — they are in different frames, and a spherical-spline fit
 * over a mixture would be meaningless.
 */
import { standardPosition } from './standard-1005';
import type { Xyz } from './standard-1005';

/** electrodes.tsv rows (name, x, y, z) and the EEGCoordinateUnits of its coordsystem.json. */
export interface ElectrodesTable {
  file: string;
  rows: ReadonlyArray<Record<string, string>>;
  units?: string | null;
}

export interface ChannelPositions {
  source: 'electrodes.tsv' | 'standard_1005';
  /** One per requested channel, in metres; null where the source has none. */
  positions: Array<Xyz | null>;
  /** Channels without a position. */
  missing: string[];
  /** Why electrodes.tsv was not used, when one was given. */
  fallbackReason?: string;
}

const UNIT_TO_METRES: Record<string, number> = { m: 1, cm: 0.01, mm: 0.001 };

const key = (name: string) => name.trim().toUpperCase();

export function channelPositions(names: readonly string[], electrodes?: ElectrodesTable | null): ChannelPositions {
  let fallbackReason: string | undefined;
  if (electrodes) {
    const fromFile = positionsFromTable(electrodes);
    const missing = names.filter((n) => !fromFile.has(key(n)));
    if (missing.length === 0) {
      return { source: 'electrodes.tsv', positions: names.map((n) => fromFile.get(key(n))!), missing: [] };
    }
    fallbackReason = `${electrodes.file} gives no position for ${missing.join(', ')}; standard 10-05 positions are used for every channel`;
  }
  const positions = names.map((n) => standardPosition(n) ?? null);
  const missing = names.filter((_, i) => positions[i] === null);
  return { source: 'standard_1005', positions, missing, ...(fallbackReason ? { fallbackReason } : {}) };
}

/** Finite positions by upper-case name, in metres. Rows with n/a coordinates are left out. */
function positionsFromTable(table: ElectrodesTable): Map<string, Xyz> {
  const raw = new Map<string, Xyz>();
  for (const row of table.rows) {
    const xyz = [row['x'], row['y'], row['z']].map((v) => (v === undefined || v === 'n/a' ? NaN : Number(v)));
    if (row['name'] && xyz.every(Number.isFinite)) raw.set(key(row['name']), xyz as unknown as Xyz);
  }
  const scale = UNIT_TO_METRES[table.units ?? ''] ?? guessScale([...raw.values()]);
  return new Map([...raw].map(([n, [x, y, z]]) => [n, [x * scale, y * scale, z * scale] as const]));
}

/**
 * Without (valid) units, the typical distance from the centre tells them
 * apart: a head is about 0.09 m across its radius, 9 cm, 90 mm.
 */
function guessScale(points: Xyz[]): number {
  if (points.length === 0) return 1;
  const radii = points.map(([x, y, z]) => Math.hypot(x, y, z)).sort((a, b) => a - b);
  const median = radii[Math.floor(radii.length / 2)]!;
  return median < 0.5 ? 1 : median < 30 ? 0.01 : 0.001;
}
