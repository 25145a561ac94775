/**
 * Standard 10-05 electrode positions (343 electrodes, upper-case names, metres,
 * MNE's head frame), from the standard_1005 montage of MNE-Python 1.3 as Debian
 * ships it. The JSON is made by scripts/fixtures/make-standard-1005.py; its
 * origin and licence are recorded inside it and in resources/README.md. The
 * renderer imports the same file directly (it may not import pipelines/).
 */
import standard1005 from '../../../resources/montages/standard_1005.json' with { type: 'json' };

export type Xyz = readonly [number, number, number];

const STANDARD = new Map<string, Xyz>(
  Object.entries(standard1005.electrodes as Record<string, number[]>).map(([name, [x, y, z]]) => [name, [x!, y!, z!] as const]),
);

/** The standard 10-05 position of a channel (matched upper-case), or undefined when it is not a 10-05 name. */
export function standardPosition(name: string): Xyz | undefined {
  return STANDARD.get(name.trim().toUpperCase());
}

/** Every standard 10-05 electrode name, in the montage's order. */
export function standardNames(): string[] {
  return [...STANDARD.keys()];
}
