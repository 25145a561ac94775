/**
 * The DSP kernels against MNE 1.3 and scipy on the same inputs (fixtures made
 * by scripts/fixtures/make-dsp-fixtures.py): band-pass, high-pass, low-pass
 * and notch within 1e-4 of the signal's range, the band-pass taps to 1e-12,
 * resample_poly within 1e-6 of the range, Welch and relative band power to a
 * relative 1e-6.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designBandFilter, designNotchFilter, filterZeroPhase, resamplePlan, resamplePoly, welch } from '../../../pipelines/dsp';
import { bandPowers } from '../../../pipelines/features/band-power';

interface Case {
  name: string;
  sfreq: number;
  signal: string;
  bandpassTaps: { l_freq: number; h_freq: number; taps: string };
  filters: Array<{ kind: 'band'; l_freq: number | null; h_freq: number | null; output: string } | { kind: 'notch'; freqs: number[]; output: string }>;
  resample: Array<{ up: number; down: number; output: string }>;
  welch: Array<{ nperseg: number; noverlap: number; freqs: string; psd: string; relativeBandPower: number[] }>;
}

const fixture: { bands: Array<{ name: string; lo: number; hi: number }>; cases: Case[] } = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/dsp/dsp-reference.json'), 'utf8'),
);

function decode(b64: string, type: 'f4' | 'f8'): Float64Array {
  const buf = Buffer.from(b64, 'base64');
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return Float64Array.from(type === 'f4' ? new Float32Array(bytes) : new Float64Array(bytes));
}

function range(x: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-300));
  return m;
}

describe.each(fixture.cases)('$name', (c) => {
  const input = decode(c.signal, 'f4');
  const span = range(input);

  it('designs the band-pass taps as mne.filter.create_filter', () => {
    const expected = decode(c.bandpassTaps.taps, 'f8');
    const { taps } = designBandFilter(c.sfreq, c.bandpassTaps.l_freq, c.bandpassTaps.h_freq);
    expect(taps.length).toBe(expected.length);
    expect(maxAbsDiff(taps, expected)).toBeLessThan(1e-12);
  });

  it.each(c.filters.map((f) => ({ ...f, label: f.kind === 'band' ? `${f.l_freq}–${f.h_freq} Hz` : `notch ${f.freqs.join(',')} Hz` })))(
    'filters $label as MNE',
    (f) => {
      const design = f.kind === 'band' ? designBandFilter(c.sfreq, f.l_freq, f.h_freq) : designNotchFilter(c.sfreq, f.freqs);
      // A float64 and a float32 copy: the SIMD filter stages each type in its own way.
      const y = Float64Array.from(input);
      const y32 = Float32Array.from(input);
      filterZeroPhase([y, y32], design.taps);
      expect(maxAbsDiff(y, decode(f.output, 'f4'))).toBeLessThan(1e-4 * span);
      expect(maxAbsDiff(Float64Array.from(y32), decode(f.output, 'f4'))).toBeLessThan(1e-4 * span);
    },
  );

  it.each(c.resample)('resamples by $up/$down as scipy.signal.resample_poly', (r) => {
    const y = resamplePoly(input, resamplePlan(r.up, r.down));
    expect(maxAbsDiff(y, decode(r.output, 'f4'))).toBeLessThan(1e-6 * span);
  });

  // Float32 input takes the SIMD module's own segment loading and power sums; float64 the plan's split-array path.
  it.each(c.welch.flatMap((w) => ['float32', 'float64'].map((type) => ({ ...w, type }))))('computes Welch (nperseg $nperseg, $type input) and relative band power as scipy.signal.welch', (w) => {
    const x = w.type === 'float32' ? Float32Array.from(input) : input;
    const psd = welch(x, { sfreq: c.sfreq, nperseg: w.nperseg, noverlap: w.noverlap });
    const freqs = decode(w.freqs, 'f8');
    expect(maxRelDiff(psd.freqs, freqs)).toBeLessThan(1e-12);
    expect(maxRelDiff(psd.power, decode(w.psd, 'f4'))).toBeLessThan(1e-6);
    const { relative } = bandPowers(psd.freqs, psd.power, fixture.bands);
    expect(maxRelDiff(relative, w.relativeBandPower)).toBeLessThan(1e-6);
  });
});

describe('two signals through one complex FFT', () => {
  it('filters a pair exactly as each alone', () => {
    const c = fixture.cases[0]!;
    const a = decode(c.signal, 'f4');
    const b = Float64Array.from(a, (v, i) => v * -0.5 + Math.sin(i / 7));
    const { taps } = designBandFilter(c.sfreq, 1, 40);
    const pair = [Float64Array.from(a), Float64Array.from(b)];
    filterZeroPhase(pair, taps);
    const alone = Float64Array.from(b);
    filterZeroPhase([alone], taps);
    expect(maxAbsDiff(pair[1]!, alone)).toBeLessThan(1e-9);
  });
});
