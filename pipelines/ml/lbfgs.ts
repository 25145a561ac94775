/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for smooth,
 * strictly convex objectives such as L2-regularized log-loss. The Armijo step
 * is enough there: every curvature pair with s·y > 0 is kept, others skipped.
 */
import { PipelineError } from '../errors';

/** Returns the objective at `w` and writes its gradient into `grad`. */
export type Objective = (w: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations?: number;
  /** Stop when the largest gradient component is below this. */
  gradientTolerance?: number;
  memory?: number;
}

export interface LbfgsResult {
  w: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

export function minimizeLbfgs(objective: Objective, w0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIterations = options.maxIterations ?? 1000;
  const tolerance = options.gradientTolerance ?? 1e-10;
  const m = options.memory ?? 10;
  const n = w0.length;
  let w = Float64Array.from(w0);
  let g = new Float64Array(n);
  let f = objective(w, g);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(n);
  const alpha = new Float64Array(m);
  const wNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) < tolerance) return { w, value: f, iterations: iter, converged: true };
    // Two-loop recursion: dir = -H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let k = sList.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(sList[k]!, dir);
      const yk = yList[k]!;
      for (let i = 0; i < n; i++) dir[i]! -= alpha[k]! * yk[i]!;
    }
    const last = sList.length - 1;
    const gamma = last >= 0 ? dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!) : 1 / Math.max(1, maxAbs(g));
    for (let i = 0; i < n; i++) dir[i]! *= gamma;
    for (let k = 0; k < sList.length; k++) {
      const beta = rho[k]! * dot(yList[k]!, dir);
      const sk = sList[k]!;
      for (let i = 0; i < n; i++) dir[i]! += (alpha[k]! - beta) * sk[i]!;
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i]! / Math.max(1, maxAbs(g));
      slope = dot(g, dir);
    }
    let step = 1;
    let fNext = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) wNext[i] = w[i]! + step * dir[i]!;
      fNext = objective(wNext, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNext <= f)) return { w, value: f, iterations: iter, converged: maxAbs(g) < tolerance * 1e3 };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = wNext[i]! - w[i]!;
      y[i] = gNext[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const improvement = f - fNext;
    w = Float64Array.from(wNext);
    [g, gNext] = [gNext, g];
    f = fNext;
    if (improvement <= Number.EPSILON * Math.max(1, Math.abs(f)) && maxAbs(g) < tolerance * 1e3) {
      return { w, value: f, iterations: iter + 1, converged: true };
    }
  }
  if (!Number.isFinite(f)) throw new PipelineError('NOT_CONVERGED', 'The optimizer diverged (the objective is not finite).');
  return { w, value: f, iterations: maxIterations, converged: maxAbs(g) < tolerance };
}
