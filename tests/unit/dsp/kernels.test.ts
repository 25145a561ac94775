/** FFT plans against a direct DFT, and the filter design's refusals. */
import { describe, expect, it } from 'vitest';
import { designBandFilter, designNotchFilter, dftPlan, filterZeroPhase, rfft, welch } from '../../../pipelines/dsp';
import { convolve, filterCascadeZeroPhase } from '../../../pipelines/dsp/filter-cascade';
import { isPipelineError } from '../../../pipelines/errors';

function directDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * ((k * t) % n)) / n;
      re[k] = re[k]! + x[t]! * Math.cos(a);
      im[k] = im[k]! + x[t]! * Math.sin(a);
    }
  }
  return { re, im };
}

describe('FFT', () => {
  it.each([1, 2, 8, 64, 3, 5, 12, 100, 375, 1000, 7, 97, 210])('matches a direct DFT at length %i', (n) => {
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + ((i * 7919) % 13) / 13);
    const want = directDft(x);
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    dftPlan(n).forward(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(want.re[k]!, 9);
      expect(im[k]).toBeCloseTo(want.im[k]!, 9);
    }
    const half = rfft(x);
    expect(half.re.length).toBe(Math.floor(n / 2) + 1);
    expect(half.re[half.re.length - 1]).toBeCloseTo(want.re[half.re.length - 1]!, 9);
  });
});

describe('filter design refusals', () => {
  it('refuses a low-pass at or above Nyquist, naming the frequencies', () => {
    try {
      designBandFilter(100, 1, 50);
      expect.unreachable();
    } catch (e) {
      expect(isPipelineError(e, 'INVALID_FILTER')).toBe(true);
      expect((e as Error).message).toContain('Nyquist frequency (50 Hz)');
    }
  });

  it('refuses a notch past Nyquist', () => {
    expect(() => designNotchFilter(120, [60])).toThrow(/Nyquist/);
  });

  it('makes the band-pass length MNE makes: 3.3 s at a 1 Hz transition, odd', () => {
    expect(designBandFilter(500, 1, 50).taps.length).toBe(1651);
    expect(designBandFilter(250, 1, 50).taps.length).toBe(825);
  });
});

describe('filter cascade', () => {
  it('convolves long taps (by FFT) as the direct sum does', () => {
    const a = designNotchFilter(500, [60]).taps;
    const b = designBandFilter(500, 1, 50).taps;
    const got = convolve(a, b);
    expect(got.length).toBe(a.length + b.length - 1);
    let worst = 0;
    let peak = 0;
    for (let k = 0; k < got.length; k++) {
      let want = 0;
      for (let i = Math.max(0, k - b.length + 1); i <= Math.min(k, a.length - 1); i++) want += a[i]! * b[k - i]!;
      worst = Math.max(worst, Math.abs(got[k]! - want));
      peak = Math.max(peak, Math.abs(want));
    }
    expect(peak).toBeGreaterThan(0.1);
    expect(worst / peak).toBeLessThan(1e-12);
  });

  it.each([60000, 3000])('equals the filters applied one after the other (%i samples)', (n) => {
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.05) * 30 + Math.sin(i * 1.5) * 5 + ((i * 7919) % 101) / 10 + i * 0.01);
    const notch = designNotchFilter(250, [60]).taps;
    const band = designBandFilter(250, 1, 50).taps;
    const one = Float64Array.from(x);
    filterZeroPhase([one], notch);
    filterZeroPhase([one], band);
    const both = [Float64Array.from(x), Float32Array.from(x)];
    filterCascadeZeroPhase(both, [notch, band]);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(both[0]![i]! - one[i]!));
    expect(worst).toBeLessThan(1e-9);
  });

  it.each([5000, 30000, 60000])('equals three filters applied one after the other, edges included (%i samples)', (n) => {
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.031) * 40 + Math.cos(i * 2.2) * 3 + ((i * 104729) % 97) / 7 - i * 0.02);
    const filters = [designNotchFilter(250, [60]).taps, designBandFilter(250, 1, 50).taps, designNotchFilter(250, [25], 2).taps];
    const one = Float64Array.from(x);
    for (const h of filters) filterZeroPhase([one], h);
    const both = [Float64Array.from(x)];
    filterCascadeZeroPhase(both, filters);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(both[0]![i]! - one[i]!));
    expect(worst).toBeLessThan(1e-9);
  });
});

describe('welch up to a frequency', () => {
  it('gives the full PSD\'s bins up to maxHz, and no more', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i * 0.3) * 10 + ((i * 7919) % 101) / 10);
    const full = welch(x, { sfreq: 500, nperseg: 1000, noverlap: 500 });
    const low = welch(x, { sfreq: 500, nperseg: 1000, noverlap: 500, maxHz: 45 });
    expect(low.power.length).toBe(91);
    expect(Array.from(low.freqs)).toEqual(Array.from(full.freqs.subarray(0, 91)));
    expect(Array.from(low.power)).toEqual(Array.from(full.power.subarray(0, 91)));
  });
});

describe('the mixed-radix FFT', () => {
  it.each([8, 16, 64, 512, 1000, 2048, 4000, 32768])('equals the DFT by its definition (%i points, radix 8 first)', (n) => {
    const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) + (i % 7));
    const im = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.7) - (i % 3));
    const xr = Float64Array.from(re);
    const xi = Float64Array.from(im);
    dftPlan(n).forward(xr, xi);
    let worst = 0;
    for (const k of [0, 1, 3, 7 % n, n >> 1, n - 1]) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * ((j * k) % n)) / n;
        sr += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
        si += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
      }
      worst = Math.max(worst, Math.abs(sr - xr[k]!), Math.abs(si - xi[k]!));
    }
    expect(worst / n).toBeLessThan(1e-13);
  });
});
