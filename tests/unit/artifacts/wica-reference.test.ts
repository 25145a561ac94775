/**
 * The db6 periodization wavelet and wICA against PyWavelets 1.1 and a Python
 * port of sovawica's removeStrongArtifacts_wden rule on fixed components
 * (fixtures made by scripts/fixtures/make-wica-fixtures.py): coefficients and
 * reconstructions to 1e-12, cleaned components to 1e-9 of their range, and the
 * same (component, epoch) pairs touched.
 */
import { describe, expect, it } from 'vitest';
import { wavedec, waverec } from '../../../pipelines/dsp/wavelet';
import { medianAbs } from '../../../pipelines/artifacts/select-median';
import { wicaClean } from '../../../pipelines/artifacts/wica';
import { f64, maxAbsDiff, readFixture } from './reference-fixture';

interface Fixture {
  wavelet: Array<{ n: number; level: number; signal: string; coeffs: string[]; reconstruction: string }>;
  wica: Array<{ name: string; epochLength: number; k: number; maxLevel: number; components: string[]; cleaned: string[]; touched: boolean[][] }>;
}

const fixture = readFixture<Fixture>('wica-reference.json');

describe.each(fixture.wavelet)('db6 periodization, $n samples, level $level', (c) => {
  const x = f64(c.signal);
  it('wavedec gives pywt coefficients', () => {
    const coeffs = wavedec(x, c.level);
    expect(coeffs.map((a) => a.length)).toEqual(c.coeffs.map((b) => f64(b).length));
    coeffs.forEach((a, i) => expect(maxAbsDiff(a, f64(c.coeffs[i]!))).toBeLessThan(1e-12));
  });
  it('waverec of the coefficients without the finest detail gives pywt reconstruction', () => {
    const coeffs = wavedec(x, c.level);
    coeffs[coeffs.length - 1]!.fill(0);
    const rec = waverec(coeffs);
    expect(maxAbsDiff(rec, f64(c.reconstruction))).toBeLessThan(1e-12);
  });
  it('waverec inverts wavedec', () => {
    const rec = waverec(wavedec(x, c.level)).subarray(0, x.length);
    expect(maxAbsDiff(rec, x)).toBeLessThan(1e-11);
  });
});

describe.each(fixture.wica)('wICA: $name', (c) => {
  const components = c.components.map(f64);
  const expected = c.cleaned.map(f64);
  const cleaned = components.map((y) => Float64Array.from(y));
  const result = wicaClean(cleaned, { epochLength: c.epochLength, k: c.k, maxLevel: c.maxLevel });

  it('touches the same components in the same epochs', () => {
    expect(result.touched).toEqual(c.touched);
    expect(result.componentsTouched).toBe(c.touched.filter((r) => r.some(Boolean)).length);
    expect(result.pairsTouched).toBe(c.touched.flat().filter(Boolean).length);
    expect(result.epochs).toBe(c.touched[0]!.length);
  });
  it('cleans them as the reference does', () => {
    cleaned.forEach((y, i) => {
      const span = Math.max(...expected[i]!) - Math.min(...expected[i]!);
      expect(maxAbsDiff(y, expected[i]!)).toBeLessThan(1e-9 * span);
    });
  });
  it('removes the planted artifacts and leaves untouched epochs as they were', () => {
    // Component 0 holds blinks of 60: cleaning takes most of their height away.
    const peak = (y: Float64Array): number => Math.max(...y.map(Math.abs));
    expect(peak(components[0]!)).toBeGreaterThan(55);
    expect(peak(cleaned[0]!)).toBeLessThan(0.6 * peak(components[0]!));
    c.touched.forEach((row, comp) =>
      row.forEach((t, e) => {
        if (t) return;
        const from = e * c.epochLength;
        const to = Math.min(from + c.epochLength, components[comp]!.length);
        expect(maxAbsDiff(cleaned[comp]!.subarray(from, to), components[comp]!.subarray(from, to))).toBe(0);
      }),
    );
  });
});

describe('medianAbs', () => {
  it('is numpy.median(|x|) for odd and even counts, with ties', () => {
    expect(medianAbs([3, -1, 2])).toBe(2);
    expect(medianAbs([4, -1, 2, -3])).toBe(2.5);
    expect(medianAbs([5, 5, -5, 1, 1, 1])).toBe(3);
    const x = Float64Array.from({ length: 10001 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453);
    const sorted = Float64Array.from(x, Math.abs).sort();
    expect(medianAbs(x)).toBe(sorted[5000]);
    expect(medianAbs(x.subarray(0, 10000))).toBe((Float64Array.from(x.subarray(0, 10000), Math.abs).sort()[4999]! + Float64Array.from(x.subarray(0, 10000), Math.abs).sort()[5000]!) / 2);
  });
});
