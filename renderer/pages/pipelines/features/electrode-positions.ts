/**
 * Standard 10-05 positions on the topomap's disc. The montage file is
 * resources/montages/standard_1005.json (from MNE-Python's standard_1005); it is
 * loaded on first use, as its own chunk, so pages without a topomap never fetch it.
 */
import { projectToDisc, type Point, type Xyz } from './topomap';

let positions: Promise<Map<string, Point>> | null = null;

export function standardPositions(): Promise<Map<string, Point>> {
  positions ??= import('../../../../resources/montages/standard_1005.json').then((montage) => {
    const electrodes = montage.default.electrodes as Record<string, number[]>;
    return new Map(Object.entries(electrodes).map(([name, xyz]) => [name, projectToDisc(xyz as unknown as Xyz)]));
  });
  return positions;
}
