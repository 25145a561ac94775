/**
 * Spherical-spline interpolation of bad EEG channels (Perrin et al. 1989), as
 * MNE 1.3's interpolate_bads computes it for EEG: positions taken relative to
 * the fitted head-sphere origin and projected on the unit sphere; G(cos γ) =
 * Σₙ₌₁⁵⁰ (2n+1) / (n⁴ (n+1)⁴ 4π) · Pₙ(cos γ) (stiffness m = 4, 50 Legendre
 * terms); G between good channels plus α = 1e-5 on its diagonal, bordered by
 * a row and column of ones (the constant term) and a zero; the matrix that
 * maps good channels to bad ones is [G_bad,good 1] · C⁻¹ without C⁻¹'s last
 * column. MNE inverts C by pseudo-inverse; C is regular here, so solving the
 * system gives the same matrix.
 */
import type { Xyz } from '../../eeg/montage';
import { solveLinear } from './linear-solve';

const STIFFNESS = 4;
const LEGENDRE_TERMS = 50;
const ALPHA = 1e-5;

const G_FACTORS = Array.from({ length: LEGENDRE_TERMS }, (_, i) => {
  const n = i + 1;
  return (2 * n + 1) / (n ** STIFFNESS * (n + 1) ** STIFFNESS * 4 * Math.PI);
});

/** Σ factorₙ Pₙ(x) for n = 1…50, Legendre polynomials by their three-term recurrence. */
export function splineG(x: number): number {
  let p0 = 1;
  let p1 = x;
  let sum = G_FACTORS[0]! * p1;
  for (let n = 1; n < LEGENDRE_TERMS; n++) {
    const p2 = ((2 * n + 1) * x * p1 - n * p0) / (n + 1);
    sum += G_FACTORS[n]! * p2;
    p0 = p1;
    p1 = p2;
  }
  return sum;
}

function unitFrom(p: Xyz, origin: Xyz): Xyz {
  const v = [p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]] as const;
  const norm = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / norm, v[1] / norm, v[2] / norm];
}

const dot = (a: Xyz, b: Xyz) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * The interpolation matrix: row b holds the weights of the good channels that
 * make bad channel b (positions in any unit, both relative to `origin`).
 */
export function interpolationMatrix(good: readonly Xyz[], bad: readonly Xyz[], origin: Xyz): Float64Array[] {
  const from = good.map((p) => unitFrom(p, origin));
  const to = bad.map((p) => unitFrom(p, origin));
  const n = from.length;
  const size = n + 1;
  const c = new Float64Array(size * size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) c[i * size + j] = splineG(dot(from[i]!, from[j]!)) + (i === j ? ALPHA : 0);
    c[i * size + n] = 1;
    c[n * size + i] = 1;
  }
  // C is symmetric, so (R C⁻¹)ᵀ = C⁻¹ Rᵀ: one solve per bad channel.
  const rhs = to.map((t) => {
    const r = new Float64Array(size);
    for (let j = 0; j < n; j++) r[j] = splineG(dot(t, from[j]!));
    r[n] = 1;
    return r;
  });
  return solveLinear(c, size, rhs).map((w) => w.subarray(0, n));
}

/** Replaces each bad channel's samples by the weighted sum of the good channels. */
export function applyInterpolation(data: Float32Array[], goodIdx: readonly number[], badIdx: readonly number[], matrix: readonly Float64Array[]): void {
  const n = data[0]?.length ?? 0;
  const block = 2048;
  const acc = badIdx.map(() => new Float64Array(block));
  // In blocks of samples: each good channel's slice is read once and added into
  // every bad channel's sum while it is in cache (the good channels are not
  // written until the block is done, so order does not matter).
  for (let start = 0; start < n; start += block) {
    const len = Math.min(block, n - start);
    for (const a of acc) a.fill(0);
    for (let g = 0; g < goodIdx.length; g++) {
      const x = data[goodIdx[g]!]!;
      for (let b = 0; b < badIdx.length; b++) {
        const wg = matrix[b]![g]!;
        const a = acc[b]!;
        for (let i = 0; i < len; i++) a[i] = a[i]! + wg * x[start + i]!;
      }
    }
    for (let b = 0; b < badIdx.length; b++) {
      const out = data[badIdx[b]!]!;
      const a = acc[b]!;
      for (let i = 0; i < len; i++) out[start + i] = a[i]!;
    }
  }
}
