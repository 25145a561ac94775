/**
 * The db6 transforms' unrolled interiors and wrapped ends (pipelines/dsp/wavelet.ts)
 * against the periodization formula written out term by term, for every signal
 * length from 2 to 40 (where the interior is empty, short or long) and one long
 * signal: the pywt fixtures check a handful of lengths, this checks each boundary case.
 */
import { describe, expect, it } from 'vitest';
import { DB6_DEC_HI, DB6_DEC_LO, dwtPeriodization, idwtPeriodization } from '../../../pipelines/dsp/wavelet';
import { NumpyRandomState } from '../../../pipelines/artifacts/numpy-random';
import { maxAbsDiff } from './reference-fixture';

const F = DB6_DEC_LO.length;
const wrap = (i: number, m: number): number => ((i % m) + m) % m;

/** out[k] = Σ_j f[j] · ext[(F/2 + 2k − j) mod M], ext = x with its last sample repeated to an even length. */
function dwtByDefinition(x: Float64Array): { approx: Float64Array; detail: Float64Array } {
  const m = x.length + (x.length % 2);
  const ext = Float64Array.from({ length: m }, (_, i) => x[Math.min(i, x.length - 1)]!);
  const approx = new Float64Array(m / 2);
  const detail = new Float64Array(m / 2);
  for (let k = 0; k < m / 2; k++) {
    for (let j = 0; j < F; j++) {
      approx[k] = approx[k]! + DB6_DEC_LO[j]! * ext[wrap(F / 2 + 2 * k - j, m)]!;
      detail[k] = detail[k]! + DB6_DEC_HI[j]! * ext[wrap(F / 2 + 2 * k - j, m)]!;
    }
  }
  return { approx, detail };
}

/** The transpose: out[(F/2 + 2k − j) mod 2n] += lo[j]·a[k] + hi[j]·d[k]. */
function idwtByDefinition(a: Float64Array, d: Float64Array): Float64Array {
  const m = 2 * a.length;
  const out = new Float64Array(m);
  for (let k = 0; k < a.length; k++) {
    for (let j = 0; j < F; j++) {
      const i = wrap(F / 2 + 2 * k - j, m);
      out[i] = out[i]! + DB6_DEC_LO[j]! * a[k]! + DB6_DEC_HI[j]! * d[k]!;
    }
  }
  return out;
}

describe('db6 periodization kernels', () => {
  const lengths = [...Array.from({ length: 39 }, (_, i) => i + 2), 2501];
  it.each(lengths)('dwt and idwt of %i samples equal the formula', (n) => {
    const rng = new NumpyRandomState(n);
    const x = rng.normal(n);
    const got = dwtPeriodization(x);
    const want = dwtByDefinition(x);
    expect(maxAbsDiff(got.approx, want.approx)).toBeLessThan(1e-13);
    expect(maxAbsDiff(got.detail, want.detail)).toBeLessThan(1e-13);
    const a = rng.normal(got.approx.length);
    const d = rng.normal(got.approx.length);
    expect(maxAbsDiff(idwtPeriodization(a, d), idwtByDefinition(a, d))).toBeLessThan(1e-13);
  });
});
