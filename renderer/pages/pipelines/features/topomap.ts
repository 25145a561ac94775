/**
 * The geometry and colours of a topographic map: 3-D electrode positions
 * flattened where MNE's plot_topomap puts them, values interpolated over a grid, and a
 * perceptually even colour scale.
 */

export type Xyz = readonly [number, number, number];
export interface Point {
  x: number;
  y: number;
}

/** The radius of MNE's default topomap sphere (its head outline), in metres. */
export const HEAD_RADIUS_M = 0.095;

/**
 * Where MNE's `plot_topomap` draws an electrode (`_find_topomap_coords` with its default
 * sphere at the origin): azimuthal equidistant about the vertex, the distance from the
 * centre being the angle from the vertex times the electrode's own radius over π/2. Here
 * in units of the head outline's radius (0.095 m), so the outline is the unit circle.
 * The nose (+y) is up and the right ear (+x) right; SVG's y grows downwards, hence the sign.
 */
export function projectToDisc([x, y, z]: Xyz): Point {
  const r = Math.hypot(x, y, z);
  if (r === 0) return { x: 0, y: 0 };
  const polar = Math.acos(Math.max(-1, Math.min(1, z / r)));
  const azimuth = Math.atan2(y, x);
  const radius = (polar * r) / (Math.PI / 2) / HEAD_RADIUS_M;
  return { x: radius * Math.cos(azimuth), y: -radius * Math.sin(azimuth) };
}

export interface GridCell extends Point {
  value: number;
}

/**
 * Values on a `size`×`size` grid over [-extent, extent]², inside a circle of radius
 * `extent`, by inverse-distance weighting (power 2) of the electrodes' values. A cell
 * on an electrode takes its value. This is for display: it never leaves the range of
 * the measured values, and it does not invent extrema between electrodes.
 */
export function interpolateGrid(electrodes: Array<Point & { value: number }>, size: number, extent: number): { cells: GridCell[]; step: number } {
  const step = (2 * extent) / size;
  const cells: GridCell[] = [];
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      const x = -extent + (col + 0.5) * step;
      const y = -extent + (row + 0.5) * step;
      if (Math.hypot(x, y) > extent) continue;
      let weights = 0;
      let sum = 0;
      let exact: number | null = null;
      for (const e of electrodes) {
        const d2 = (e.x - x) ** 2 + (e.y - y) ** 2;
        if (d2 < 1e-12) {
          exact = e.value;
          break;
        }
        weights += 1 / d2;
        sum += e.value / d2;
      }
      cells.push({ x, y, value: exact ?? sum / weights });
    }
  }
  return { cells, step };
}

/** Viridis at nine stops (matplotlib's), from low to high: even in lightness, readable in grey. */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colour of t in [0, 1] (clamped) on the viridis scale, as `rgb(r, g, b)`. */
export function colourAt(t: number): string {
  const clamped = Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
  const position = clamped * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(position), VIRIDIS.length - 2);
  const f = position - i;
  const a = hexToRgb(VIRIDIS[i]!);
  const b = hexToRgb(VIRIDIS[i + 1]!);
  const [r, g, bl] = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${r}, ${g}, ${bl})`;
}

/** The stops of the colour bar's gradient. */
export const COLOUR_STOPS = VIRIDIS;

/** Where a value sits between min and max (0.5 when they are equal). */
export function scaleOf(min: number, max: number): (value: number) => number {
  return max > min ? (v) => (v - min) / (max - min) : () => 0.5;
}

export interface LevelPath {
  /** The colour level, 0 (lowest) to levels − 1. */
  level: number;
  colour: string;
  /** One square subpath per grid cell at this level. */
  d: string;
}

/**
 * The grid drawn as one SVG path per colour level (filled contour bands) instead of
 * one element per cell: a few dozen elements rather than thousands, which keeps the
 * page light for the browser and for accessibility checkers.
 */
export function levelPaths(cells: GridCell[], step: number, scale: (value: number) => number, levels: number): LevelPath[] {
  const parts: string[][] = Array.from({ length: levels }, () => []);
  const side = (step * 1.04).toFixed(4); // a little overlap, so no seam shows between cells
  for (const c of cells) {
    const t = Number.isFinite(c.value) ? Math.max(0, Math.min(1, scale(c.value))) : 0;
    parts[Math.round(t * (levels - 1))]!.push(`M${(c.x - step / 2).toFixed(4)} ${(c.y - step / 2).toFixed(4)}h${side}v${side}h-${side}z`);
  }
  return parts.flatMap((p, level) => (p.length ? [{ level, colour: colourAt(level / (levels - 1)), d: p.join('') }] : []));
}
