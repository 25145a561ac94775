/**
 * The head-sphere origin MNE 1.3 uses for spherical-spline interpolation
 * (`origin='auto'` → fit_sphere_to_headshape on the EEG positions): the
 * least-squares sphere through the electrode positions, leaving out those low
 * and in front (z < 0 and y > 0: nose and face), so a full-cap montage is not
 * pulled forward. MNE minimises Σ(|p − c| − r)² with COBYLA to 1e-6 of the
 * head size; here the same sum is minimised by Gauss-Newton from the algebraic
 * fit, which reaches the minimum itself rather than stopping near it.
 */
import { PipelineError } from '../../errors';
import type { Xyz } from '../../eeg/montage';
import { solveLinear } from './linear-solve';

export interface Sphere {
  origin: Xyz;
  radius: number;
}

/** Positions MNE's get_fitting_dig keeps (it drops z < -1e-6 and y > 1e-6). */
export function fittingPoints(points: readonly Xyz[]): Xyz[] {
  return points.filter(([, y, z]) => !(z < -1e-6 && y > 1e-6));
}

export function fitHeadSphere(positions: readonly Xyz[]): Sphere {
  const pts = fittingPoints(positions);
  if (pts.length < 4) {
    throw new PipelineError('TOO_FEW_POSITIONS', `Only ${pts.length} electrode positions lie above the face; at least 4 are needed to fit the head sphere for interpolation.`);
  }
  let [cx, cy, cz, r] = algebraicFit(pts);
  for (let iter = 0; iter < 100; iter++) {
    // Gauss-Newton on residuals e_i = |p_i − c| − r; Jacobian rows (−u_i, −1) with u_i the unit vector from c.
    const jtj = new Float64Array(16);
    const jte = new Float64Array(4);
    for (const [x, y, z] of pts) {
      const dx = x - cx;
      const dy = y - cy;
      const dz = z - cz;
      const d = Math.hypot(dx, dy, dz);
      const row = [-dx / d, -dy / d, -dz / d, -1];
      const e = d - r;
      for (let a = 0; a < 4; a++) {
        jte[a] = jte[a]! + row[a]! * e;
        for (let b = 0; b < 4; b++) jtj[a * 4 + b] = jtj[a * 4 + b]! + row[a]! * row[b]!;
      }
    }
    const step = solveLinear(jtj, 4, [jte])[0]!;
    cx -= step[0]!;
    cy -= step[1]!;
    cz -= step[2]!;
    r -= step[3]!;
    if (Math.hypot(step[0]!, step[1]!, step[2]!, step[3]!) < 1e-15 * Math.max(1, r)) break;
  }
  return { origin: [cx, cy, cz], radius: r };
}

/** |p|² = 2p·c + (r² − |c|²): linear in c and k = r² − |c|², a good start for the geometric fit. */
function algebraicFit(pts: readonly Xyz[]): [number, number, number, number] {
  const ata = new Float64Array(16);
  const atb = new Float64Array(4);
  for (const [x, y, z] of pts) {
    const row = [2 * x, 2 * y, 2 * z, 1];
    const rhs = x * x + y * y + z * z;
    for (let a = 0; a < 4; a++) {
      atb[a] = atb[a]! + row[a]! * rhs;
      for (let b = 0; b < 4; b++) ata[a * 4 + b] = ata[a * 4 + b]! + row[a]! * row[b]!;
    }
  }
  const [cx, cy, cz, k] = solveLinear(ata, 4, [atb])[0]! as unknown as [number, number, number, number];
  return [cx, cy, cz, Math.sqrt(Math.max(k + cx * cx + cy * cy + cz * cz, 0))];
}
