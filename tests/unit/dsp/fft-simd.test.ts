/**
 * The WebAssembly SIMD FFT (fft-simd.wat) against numpy.fft.fft (fixtures made by
 * scripts/fixtures/make-fft-fixtures.py) and against the JavaScript plans, and
 * the overlap-add filter and Welch on each path: the two agree to float64 rounding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { designBandFilter, dftPlan, filterZeroPhase, welchSegments } from '../../../pipelines/dsp';
import { FFT_SIMD_WASM } from '../../../pipelines/dsp/fft-simd-wasm';
import { simdFftPlan, simdKernel, simdRadices, useSimdFft } from '../../../pipelines/dsp/fft-simd';
import { mixedRadixPlan } from '../../../pipelines/dsp/mixed-radix';

interface Case {
  n: number;
  re: string;
  im: string;
  fftRe: string;
  fftIm: string;
}

const fixture: { cases: Case[] } = JSON.parse(readFileSync(join(__dirname, '../../fixtures/dsp/fft-reference.json'), 'utf8'));

function decode(b64: string, type: 'f4' | 'f8'): Float64Array {
  const buf = Buffer.from(b64, 'base64');
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return Float64Array.from(type === 'f4' ? new Float32Array(bytes) : new Float64Array(bytes));
}

/** max |a − b| over both parts, divided by max |b|. */
function relativeError(re: Float64Array, im: Float64Array, wantRe: Float64Array, wantIm: Float64Array): number {
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < wantRe.length; k++) {
    diff = Math.max(diff, Math.abs(re[k]! - wantRe[k]!), Math.abs(im[k]! - wantIm[k]!));
    scale = Math.max(scale, Math.abs(wantRe[k]!), Math.abs(wantIm[k]!));
  }
  return diff / scale;
}

function signal(n: number, seed: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 40 * Math.sin(i * 0.013 * seed) + 10 * Math.sin(i * 0.37) + ((i * 7919 + seed) % 101) - 50);
}

afterEach(() => useSimdFft(true));

describe('SIMD FFT module', () => {
  it('loads in this runtime, from the generated base64 module', () => {
    expect(FFT_SIMD_WASM.length).toBeGreaterThan(100);
    expect(simdKernel()).not.toBeNull();
  });

  it('has a plan for lengths of factors 2, 3, 5 and none for others', () => {
    for (const n of [2, 4, 1000, 32768, 720, 243]) expect(simdFftPlan(n)?.size).toBe(n);
    for (const n of [1, 7, 97, 1001]) expect(simdFftPlan(n)).toBeNull();
  });

  it('is switched off by useSimdFft(false), and the plans fall back to JavaScript', () => {
    useSimdFft(false);
    expect(simdFftPlan(1000)).toBeNull();
    const x = signal(1000, 3);
    const re = Float64Array.from(x);
    const im = new Float64Array(1000);
    dftPlan(1000).forward(re, im);
    useSimdFft(true);
    const re2 = Float64Array.from(x);
    const im2 = new Float64Array(1000);
    dftPlan(1000).forward(re2, im2);
    expect(relativeError(re, im, re2, im2)).toBeLessThan(1e-14);
  });
});

describe.each([true, false])('FFT plans against numpy.fft.fft (SIMD: %s)', (simd) => {
  it.each(fixture.cases.map((c) => [c.n, c] as const))('length %i', (n, c) => {
    useSimdFft(simd);
    const re = decode(c.re, 'f4');
    const im = decode(c.im, 'f4');
    const wantRe = decode(c.fftRe, 'f8');
    const wantIm = decode(c.fftIm, 'f8');
    const plan = dftPlan(n);
    plan.forward(re, im);
    expect(relativeError(re, im, wantRe, wantIm)).toBeLessThan(1e-13);
  });
});

describe('SIMD plan against the JavaScript mixed-radix plan', () => {
  it.each([2, 4, 8, 16, 64, 1024, 2048, 32768, 1000, 500, 40, 3, 5, 15, 30, 243, 1250, 3125, 720])('forward and inverse at length %i', (n) => {
    const x = signal(n, 5);
    const y = signal(n, 11);
    const js = mixedRadixPlan(n)!;
    const simd = simdFftPlan(n)!;
    const [jr, ji, sr, si] = [Float64Array.from(x), Float64Array.from(y), Float64Array.from(x), Float64Array.from(y)];
    js.forward(jr, ji);
    simd.forward(sr, si);
    expect(relativeError(sr, si, jr, ji)).toBeLessThan(1e-14);
    js.inverse(jr, ji);
    simd.inverse(sr, si);
    expect(relativeError(sr, si, jr, ji)).toBeLessThan(1e-14);
    expect(relativeError(sr, si, x, y)).toBeLessThan(1e-14);
  });

  it('run() leaves the spectrum of the interleaved input at the address it returns', () => {
    const n = 1000;
    const simd = simdFftPlan(n)!;
    const x = signal(n, 2);
    let heap = simd.kernel.heap();
    for (let i = 0; i < n; i++) {
      heap[simd.x / 8 + 2 * i] = x[i]!;
      heap[simd.x / 8 + 2 * i + 1] = 0;
    }
    const at = simd.run();
    expect([simd.x, simd.y]).toContain(at);
    heap = simd.kernel.heap();
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    mixedRadixPlan(n)!.forward(re, im);
    const gotRe = Float64Array.from({ length: n }, (_, k) => heap[at / 8 + 2 * k]!);
    const gotIm = Float64Array.from({ length: n }, (_, k) => heap[at / 8 + 2 * k + 1]!);
    expect(relativeError(gotRe, gotIm, re, im)).toBeLessThan(1e-14);
  });
});

/** Runs fn on fresh copies of the signals with SIMD on and off. */
function bothPaths(signals: Float64Array[], fn: (s: Float64Array[]) => void): [Float64Array[], Float64Array[]] {
  const out = [true, false].map((on) => {
    useSimdFft(on);
    const copy = signals.map((s) => Float64Array.from(s));
    fn(copy);
    return copy;
  });
  return [out[0]!, out[1]!];
}

describe('overlap-add and Welch on both paths', () => {
  it.each([
    [3, 60000, 500],
    [2, 5000, 250],
  ])('band-pass filtering of %i channels × %i samples at %i Hz agrees', (channels, n, sfreq) => {
    const signals = Array.from({ length: channels }, (_, c) => signal(n, c + 1));
    const { taps } = designBandFilter(sfreq, 1, 40);
    const [simd, js] = bothPaths(signals, (s) => filterZeroPhase(s, taps));
    for (let c = 0; c < channels; c++) {
      let diff = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        diff = Math.max(diff, Math.abs(simd[c]![i]! - js[c]![i]!));
        scale = Math.max(scale, Math.abs(js[c]![i]!));
      }
      expect(scale).toBeGreaterThan(1);
      expect(diff / scale).toBeLessThan(1e-12);
    }
  });

  it.each([5, 4])('Welch over %i segments of 1000 float32 samples agrees', (segments) => {
    const x = Float32Array.from(signal(500 * (segments + 1), 7));
    const starts = Array.from({ length: segments }, (_, s) => 500 * s);
    const results = [true, false].map((on) => {
      useSimdFft(on);
      return welchSegments(x, starts, { sfreq: 500, nperseg: 1000, noverlap: 500, maxHz: 45 }).power;
    });
    expect(results[0]!.length).toBe(91);
    for (let k = 0; k < results[0]!.length; k++) expect(Math.abs(results[0]![k]! - results[1]![k]!) / results[1]![k]!).toBeLessThan(1e-12);
    expect(Math.max(...results[0]!)).toBeGreaterThan(1);
  });
});

describe('SIMD radices', () => {
  it('joins a 4 and the 2 into one radix-8 pass', () => {
    expect(simdRadices(32768)).toEqual([4, 4, 4, 4, 4, 4, 8]);
    expect(simdRadices(1000)).toEqual([8, 5, 5, 5]);
    expect(simdRadices(4096)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(simdRadices(2)).toEqual([2]);
    expect(simdRadices(7)).toBeNull();
  });
});

describe('SIMD memory', () => {
  it('drops the instance a long recording grew (WebAssembly memory never shrinks), with the same output', () => {
    const n = 1_800_000; // 60 minutes at 500 Hz: ~86 MB staged as float64
    const { taps } = designBandFilter(500, 1, 40);
    const [simd, js] = bothPaths([signal(n, 3)], (s) => filterZeroPhase(s, taps));
    useSimdFft(true);
    expect(simdKernel()!.exports.memory.buffer.byteLength).toBeLessThan(64 * 1024 * 1024);
    let diff = 0;
    for (let i = 0; i < n; i += 7) diff = Math.max(diff, Math.abs(simd[0]![i]! - js[0]![i]!));
    expect(diff).toBeLessThan(1e-9);
    expect(Math.max(...simd[0]!.subarray(0, 5000))).toBeGreaterThan(1);
  });
});
