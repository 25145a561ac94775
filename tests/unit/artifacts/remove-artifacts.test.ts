/**
 * wICA's back-projection: the channels lose exactly mixing · (what wICA took
 * from the components), computed here with plain loops; untouched epochs stay
 * bit for bit. Also the SIMD projection with more weight rows than data rows
 * (channels × a few components), which the back-projection uses.
 */
import { describe, expect, it } from 'vitest';
import { fastIca } from '../../../pipelines/artifacts/fastica';
import { SimdRows } from '../../../pipelines/artifacts/fastica-simd';
import { NumpyRandomState } from '../../../pipelines/artifacts/numpy-random';
import { icaSources, wicaBackProjected } from '../../../pipelines/artifacts/remove-artifacts';
import { wicaClean } from '../../../pipelines/artifacts/wica';
import { maxAbsDiff } from './reference-fixture';

describe('wicaBackProjected', () => {
  const rng = new NumpyRandomState(21);
  const n = 3000;
  const sources = Array.from({ length: 5 }, (_, s) => Float64Array.from({ length: n }, (_, t) => (s === 0 && t % 700 < 40 ? 80 : 0) + (rng.nextDouble() - 0.5) * 6));
  const mixing = rng.normal(25);
  const data = Array.from({ length: 5 }, (_, ch) => Float32Array.from({ length: n }, (_, t) => sources.reduce((a, y, s) => a + mixing[ch * 5 + s]! * y[t]!, 0)));
  const before = data.map((x) => Float32Array.from(x));
  const ica = fastIca(data, { algorithm: 'parallel', nComponents: null, tol: 1e-6, maxIter: 500, alpha: 1, seed: 1 });
  const options = { epochLength: 500, k: 4, maxLevel: 6 };
  const original = icaSources(before, ica);
  const cleaned = original.map((y) => Float64Array.from(y));
  const expectedResult = wicaClean(cleaned, options);
  const result = wicaBackProjected(data, ica, options);

  it('touches what wicaClean touches on the same sources', () => {
    expect(result.touched).toEqual(expectedResult.touched);
    expect(result.pairsTouched).toBeGreaterThan(0);
  });

  it('takes mixing · (sources before − after) out of the channels', () => {
    const k = ica.nComponents;
    data.forEach((x, ch) => {
      const want = Float64Array.from(before[ch]!, (v, t) => v - original.reduce((a, y, c) => a + ica.mixing[ch * k + c]! * (y[t]! - cleaned[c]![t]!), 0));
      expect(maxAbsDiff(x, want)).toBeLessThan(1e-3);
    });
  });

  it('leaves epochs no component was touched in exactly as they were', () => {
    result.touched[0]!.forEach((_, e) => {
      if (result.touched.some((row) => row[e])) return;
      const from = e * options.epochLength;
      data.forEach((x, ch) => expect(maxAbsDiff(x.subarray(from, from + options.epochLength), before[ch]!.subarray(from, from + options.epochLength))).toBe(0));
    });
  });
});

describe('SimdRows.project with more weight rows than data rows', () => {
  it('gives W·X for 9 rows of weights over 2 rows of data', () => {
    const rng = new NumpyRandomState(4);
    const rows = [rng.normal(777), rng.normal(777)];
    const w = rng.normal(18);
    const out = new SimdRows(rows).project(w, 9);
    out.forEach((row, i) => expect(maxAbsDiff(row, Float64Array.from(row, (_, t) => w[i * 2]! * rows[0]![t]! + w[i * 2 + 1]! * rows[1]![t]!))).toBeLessThan(1e-12));
  });
});
