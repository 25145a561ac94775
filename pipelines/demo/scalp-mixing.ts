/**
 * Volume conduction for synthetic EEG: every electrode sees a weighted sum of a
 * few sources, and the weights fall off smoothly with the distance between the
 * electrode and the source on the head. Neighbouring electrodes therefore share
 * most of their signal, as on a real head; independent signals per channel
 * would not, and PREP's correlation criterion rightly calls such channels bad.
 * Electrodes sit at their standard 10-05 positions (MNE's standard_1005).
 */
import { standardPosition } from '../eeg/montage';

export type Direction = readonly [number, number, number];

/** Height of the head sphere's centre above the origin of MNE's head frame, m. */
const SPHERE_CENTRE_Z = 0.04;

/** A channel's direction from the head sphere's centre, as a unit vector. */
export function headDirection(name: string): Direction {
  const p = standardPosition(name);
  if (!p) throw new Error(`no standard 10-05 position for ${name}`);
  const r = Math.hypot(p[0], p[1], p[2] - SPHERE_CENTRE_Z);
  return [p[0] / r, p[1] / r, (p[2] - SPHERE_CENTRE_Z) / r];
}

/** `count` directions spread evenly over the upper half of the sphere (a Fibonacci lattice), so every electrode sits under some. */
export function upperHeadLattice(count: number): Direction[] {
  return Array.from({ length: count }, (_, k) => {
    const z = 1 - (k + 0.5) / count;
    const phi = k * Math.PI * (3 - Math.sqrt(5));
    const r = Math.sqrt(1 - z * z);
    return [r * Math.cos(phi), r * Math.sin(phi), z] as const;
  });
}

/** How strongly a source at `source` is seen at `channel`: exp(−d²/width), d the chord between the two unit vectors. */
export function topographyWeight(channel: Direction, source: Direction, width: number): number {
  return Math.exp(-((channel[0] - source[0]) ** 2 + (channel[1] - source[1]) ** 2 + (channel[2] - source[2]) ** 2) / width);
}

/**
 * The mean of topographyWeight over the whole sphere, for any source: (width/4)·(1 − e^(−4/width)).
 * A source's potential averages to zero over a closed head (a dipole's positive
 * pole has its negative one), so a topography is its bump minus this mean.
 */
export function sphereMean(width: number): number {
  return (width / 4) * (1 - Math.exp(-4 / width));
}

/**
 * weights[c][s]: source s seen at channel c. `zeroMean` subtracts the bump's
 * mean over the sphere: without it every source adds a positive offset to all
 * channels, which an average reference removes along with most of the signal
 * of the channels near the montage's centre.
 */
export function topographies(channels: readonly Direction[], sources: readonly Direction[], width: number, zeroMean = false): number[][] {
  const offset = zeroMean ? sphereMean(width) : 0;
  return channels.map((c) => sources.map((s) => topographyWeight(c, s, width) - offset));
}

/** out[c] += scale · Σ_s weights[c][s] · signals[s]. */
export function mixInto(out: Float64Array[], weights: readonly number[][], signals: readonly Float64Array[], scale: number): void {
  out.forEach((x, c) => {
    const w = weights[c]!;
    for (let s = 0; s < signals.length; s++) {
      const ws = scale * w[s]!;
      if (ws === 0) continue;
      const sig = signals[s]!;
      for (let i = 0; i < x.length; i++) x[i] = x[i]! + ws * sig[i]!;
    }
  });
}
