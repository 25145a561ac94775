/**
 * The WebAssembly SIMD sums of a FastICA step equal the plain kernel's (up to
 * the order of additions and a few ulps of tanh), for row counts that are not
 * multiples of four, sample counts that are not multiples of four and more than
 * one block; the module's tanh is Math.tanh's to a few ulps; and the committed
 * module is the one that fastica-simd.wat describes (same exports).
 */
import { describe, expect, it } from 'vitest';
import { fixedPointSums } from '../../../pipelines/artifacts/fastica-kernels';
import { SimdRows, simdAvailable, simdTanh } from '../../../pipelines/artifacts/fastica-simd';
import { FASTICA_SIMD_WASM } from '../../../pipelines/artifacts/fastica-simd-wasm';
import { NumpyRandomState } from '../../../pipelines/artifacts/numpy-random';
import { maxAbsDiff } from './reference-fixture';

describe('FastICA SIMD kernel', () => {
  it('runs here (Node 20 has WebAssembly SIMD) and exports the products, the logcosh and the fused step', () => {
    expect(simdAvailable()).toBe(true);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(Buffer.from(FASTICA_SIMD_WASM, 'base64'))).map((e) => e.name);
    expect(exports).toEqual(['memory', 'project4', 'accumulate4', 'logcosh4', 'step4']);
  });

  it('computes tanh within a few ulps of Math.tanh, from tiny to saturated values, either sign', () => {
    const rng = new NumpyRandomState(3);
    // Normals at several scales, exact zeros, the range-reduction boundaries and far past the cap of 20.
    const values = Float64Array.from([
      ...rng.normal(4000).map((v, i) => v * 10 ** ((i % 9) - 6)),
      0,
      -0,
      Math.LN2 / 4,
      -Math.LN2 / 4,
      (3 * Math.LN2) / 4,
      19.99,
      20,
      21,
      -35,
      700,
      -1e300,
    ]);
    for (const alpha of [1, 1.7]) {
      const got = simdTanh(values, alpha);
      values.forEach((v, i) => {
        const want = Math.tanh(alpha * v);
        const g = got[i]!;
        expect(Math.abs(g - want)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(want));
        expect(Math.sign(g) === Math.sign(want) || g === want).toBe(true);
      });
    }
  });

  it.each([
    [7, 7, 1301],
    [7, 1, 1301],
    [5, 5, 1024],
    [9, 4, 3],
    [64, 64, 1030],
  ])('gives the plain kernel sums for %i rows, %i weight rows, %i samples', (k, m, n) => {
    const rng = new NumpyRandomState(k * 1000 + n);
    const rows = Array.from({ length: k }, () => rng.normal(n));
    const w = rng.normal(m * k).map((v) => v * 0.3);
    const want = fixedPointSums(w, m, rows, 1.5);
    const got = new SimdRows(rows).sums(w, m, 1.5);
    const scale = Math.max(...want.gx.map(Math.abs), 1);
    expect(maxAbsDiff(got.gx, want.gx)).toBeLessThan(1e-12 * scale * Math.sqrt(n));
    expect(maxAbsDiff(got.gPrime, want.gPrime)).toBeLessThan(1e-12 * n);
  });

  it('projects and takes the scatter matrix as plain loops do, minus an offset', () => {
    const rng = new NumpyRandomState(9);
    const rows = Array.from({ length: 7 }, () => rng.normal(1101));
    const offset = rng.normal(7);
    const centred = rows.map((r, j) => r.map((v) => v - offset[j]!));
    const simd = new SimdRows(rows, offset);
    const w = rng.normal(3 * 7);
    const projected = simd.project(w, 3, 2);
    projected.forEach((row, i) => {
      const want = Float64Array.from(row, (_, t) => 2 * centred.reduce((a, x, j) => a + w[i * 7 + j]! * x[t]!, 0));
      expect(maxAbsDiff(row, want)).toBeLessThan(1e-12);
    });
    const scatter = simd.scatter();
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) {
        const want = centred[i]!.reduce((a, v, t) => a + v * centred[j]![t]!, 0);
        expect(Math.abs(scatter[i * 7 + j]! - want)).toBeLessThan(1e-10 * Math.abs(want) + 1e-9);
      }
    }
  });

  it('can be asked again with new weights (the copied rows are kept)', () => {
    const rng = new NumpyRandomState(5);
    const rows = Array.from({ length: 6 }, () => rng.normal(700));
    const simd = new SimdRows(rows);
    for (let round = 0; round < 3; round++) {
      const w = rng.normal(36);
      expect(maxAbsDiff(simd.sums(w, 6, 1).gx, fixedPointSums(w, 6, rows, 1).gx)).toBeLessThan(1e-9);
    }
  });

  it('takes new rows in place: fewer and shorter rows leave zeros behind, and the products see only them', () => {
    const rng = new NumpyRandomState(12);
    const simd = new SimdRows(Array.from({ length: 5 }, () => rng.normal(1030)));
    const rows = [rng.normal(1001), rng.normal(1001)];
    simd.load(rows);
    const w = rng.normal(3 * 5);
    const out = Array.from({ length: 3 }, () => new Float64Array(1030).fill(7));
    expect(simd.project(w, 3, 1, out)).toBe(out);
    out.forEach((row, i) => {
      const want = Float64Array.from({ length: 1030 }, (_, t) => (t < 1001 ? w[i * 5]! * rows[0]![t]! + w[i * 5 + 1]! * rows[1]![t]! : 0));
      expect(maxAbsDiff(row, want)).toBeLessThan(1e-12);
    });
    expect(() => simd.load(Array.from({ length: 6 }, () => new Float64Array(10)))).toThrow(RangeError);
    expect(() => simd.load([new Float64Array(1031)])).toThrow(RangeError);
  });
});
