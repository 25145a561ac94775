/**
 * PREP-like bad-channel detection: planted flat, noisy (high-frequency),
 * uncorrelated, outlying and dropping-out channels are found by their
 * criterion, and no clean channel is flagged, on generated EEG and on a
 * vendored real recording.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRecording } from '../../../pipelines/eeg/open';
import { detectBadChannels } from '../../../pipelines/preprocess/bad-channels/detect';
import type { DetectionParams } from '../../../pipelines/preprocess/bad-channels/detect';
import { forwardBackwardKernel, prepLowpassKernel } from '../../../pipelines/preprocess/bad-channels/hf-lowpass';
import { madBelow, madOf, matlabIqr, matlabQuantile, medianOf } from '../../../pipelines/preprocess/bad-channels/order-statistics';
import { recordingsDir } from '../eeg/support/paths';
import { CHANNELS_64, addWhiteNoise, replaceWithUnrelated, syntheticEeg } from './support/synthetic-eeg';

/** pyprep's NoisyChannels defaults, the flat threshold (1e-15 V) in µV. */
const PARAMS: DetectionParams = { flatUv: 1e-9, deviationZ: 5, hfNoiseZ: 5, correlationThreshold: 0.4, correlationWindowSeconds: 1, correlationBadFraction: 0.01 };
const NONE = { nan: [], flat: [], deviation: [], hf_noise: [], correlation: [], dropout: [], snr: [] };

const copy = (data: Float32Array[]) => data.map((x) => Float32Array.from(x));
const scale = (x: Float32Array, k: number) => x.forEach((v, i) => (x[i] = v * k));

/** Plants one of each fault; returns what each criterion should then report. */
function plant(data: Float32Array[], names: readonly string[], sfreq: number, which: { flat: string; noisy: string; unrelated: string; loud: string }, noiseUv: number) {
  const at = (n: string) => data[names.indexOf(n)]!;
  at(which.flat).fill(12.5);
  addWhiteNoise(at(which.noisy), noiseUv, 5);
  replaceWithUnrelated(at(which.unrelated), sfreq, 9);
  scale(at(which.loud), 6);
}

describe('on generated 64-channel EEG (500 Hz, 60 s)', () => {
  let clean: Float32Array[] = [];
  beforeAll(() => {
    clean = syntheticEeg(CHANNELS_64, 500, 60, 1);
  });

  it('flags no channel of a clean recording', () => {
    const d = detectBadChannels(clean, CHANNELS_64, 500, PARAMS);
    expect(d.by).toEqual(NONE);
    expect(d.bad).toEqual([]);
    expect(Math.max(...d.deviationZ.map(Math.abs))).toBeLessThan(PARAMS.deviationZ);
    expect(Math.max(...d.hfNoiseZ)).toBeLessThan(PARAMS.hfNoiseZ);
  });

  it('finds planted flat, high-frequency-noise, uncorrelated and loud channels, each by its criterion, and nothing else', () => {
    const data = copy(clean);
    plant(data, CHANNELS_64, 500, { flat: 'O2', noisy: 'C4', unrelated: 'F8', loud: 'P3' }, 8);
    const d = detectBadChannels(data, CHANNELS_64, 500, PARAMS);
    expect(d.by).toEqual({ ...NONE, flat: ['O2'], deviation: ['P3'], hf_noise: ['C4'], correlation: ['F8'] });
    expect(d.bad).toEqual(['P3', 'F8', 'C4', 'O2']);
    // The flat channel is set aside before the others are compared.
    expect(d.deviationZ[CHANNELS_64.indexOf('O2')]).toBeNaN();
  });

  it('a channel both noisy and uncorrelated is bad by SNR too', () => {
    const data = copy(clean);
    const f8 = data[CHANNELS_64.indexOf('F8')]!;
    replaceWithUnrelated(f8, 500, 9);
    addWhiteNoise(f8, 8, 5);
    const d = detectBadChannels(data, CHANNELS_64, 500, PARAMS);
    expect(d.by).toEqual({ ...NONE, hf_noise: ['F8'], correlation: ['F8'], snr: ['F8'] });
  });

  it('finds a channel that drops out (flat) for 2 s, and one with a non-finite sample', () => {
    const data = copy(clean);
    data[CHANNELS_64.indexOf('CZ')]!.fill(0, 10 * 500, 12 * 500);
    data[CHANNELS_64.indexOf('FZ')]![777] = NaN;
    const d = detectBadChannels(data, CHANNELS_64, 500, PARAMS);
    expect(d.by.dropout).toEqual(['CZ']);
    expect(d.by.nan).toEqual(['FZ']);
    expect(d.bad).toEqual(['FZ', 'CZ']);
  });

  it('follows its thresholds: a looser correlation criterion lets the unrelated channel pass', () => {
    const data = copy(clean);
    replaceWithUnrelated(data[CHANNELS_64.indexOf('F8')]!, 500, 9);
    expect(detectBadChannels(data, CHANNELS_64, 500, PARAMS).bad).toEqual(['F8']);
    expect(detectBadChannels(data, CHANNELS_64, 500, { ...PARAMS, correlationBadFraction: 0.9 }).bad).toEqual([]);
  });

  it('skips the high-frequency criterion at 100 Hz sampling or less, as PREP does', () => {
    const data = syntheticEeg(CHANNELS_64.slice(0, 24), 100, 30, 3);
    addWhiteNoise(data[5]!, 30, 5);
    const d = detectBadChannels(data, CHANNELS_64.slice(0, 24), 100, PARAMS);
    expect(d.by.hf_noise).toEqual([]);
    expect(d.hfNoiseZ.every((z) => z === 0)).toBe(true);
  });
});

describe('on a real recording (EEGLAB test_raw.set: 32 channels, 128 Hz, 238 s)', () => {
  let names: string[] = [];
  let clean: Float32Array[] = [];
  let sfreq = 0;
  beforeAll(async () => {
    const r = await readRecording(join(recordingsDir, 'eeglab/test_raw.set'));
    names = r.channels.map((c) => c.name);
    clean = r.data;
    sfreq = r.samplingRate;
  });

  it('flags no channel of the recording as it is', () => {
    expect(detectBadChannels(clean, names, sfreq, PARAMS).by).toEqual(NONE);
  });

  it('finds planted faults and nothing else', () => {
    const data = copy(clean);
    const [flat, noisy, unrelated, loud] = [names[3]!, names[11]!, names[20]!, names[27]!];
    // At 128 Hz only 50-64 Hz is "high frequency", and this recording has its own
    // there: white noise above the channels' RMS (24 µV) is what stands out.
    plant(data, names, sfreq, { flat, noisy, unrelated, loud }, 30);
    const d = detectBadChannels(data, names, sfreq, PARAMS);
    expect(d.by.flat).toEqual([flat]);
    expect(d.by.hf_noise).toEqual([noisy]);
    expect(d.by.correlation).toContain(unrelated);
    expect(d.by.deviation).toEqual([loud]);
    expect(new Set(d.bad)).toEqual(new Set([flat, noisy, unrelated, loud]));
  });
});

describe('order statistics', () => {
  const s = new Float64Array(16);
  it('median and MAD as numpy and scipy define them', () => {
    expect(medianOf([3, 1, 2], s)).toBe(2);
    expect(medianOf([4, 1, 3, 2], s)).toBe(2.5);
    expect(madOf([1, 1, 2, 2, 4, 6, 9], s)).toBe(1); // median 2, deviations 1 1 0 0 2 4 7
  });
  it('quantiles as MATLAB computes them (a sample: q adjusted by n/(n − 1))', () => {
    // n = 8: q = 0.75 → (0.25·8/7 + 0.5)·7 = 5.5 → halfway between the 6th and 7th values.
    expect(matlabQuantile([8, 1, 7, 2, 6, 3, 5, 4], 0.75, s)).toBeCloseTo(6.5, 12);
    expect(matlabIqr([1, 2, 3, 4, 5, 6, 7, 8], s)).toBeCloseTo(4, 12);
    expect(matlabQuantile([5, 1], 0.98, s)).toBe(5);
    expect(matlabQuantile([7], 0.98, s)).toBe(7);
  });
  it('the one-copy IQR and the counting MAD test agree with quantiles and MADs computed in full', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const big = new Float64Array(64);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + (trial % 41);
      // Rounded values give ties, and the MAD lands exactly on some thresholds.
      const v = Array.from({ length: n }, () => Math.round(next() * 10) / 2);
      expect(matlabIqr(v, big)).toBeCloseTo(matlabQuantile(v, 0.75, big) - matlabQuantile(v, 0.25, big), 12);
      const mad = madOf(v, big);
      for (const t of [0, 0.25, 0.5, mad, mad + 1e-9, 1, 2]) expect(madBelow(v, t, big)).toBe(mad < t);
    }
  });
});

describe("PREP's 50 Hz low-pass (order 100, frequency sampling, Hamming)", () => {
  const gainAt = (h: Float64Array, f: number, sfreq: number) => {
    let re = 0;
    let im = 0;
    h.forEach((v, n) => {
      re += v * Math.cos((2 * Math.PI * f * n) / sfreq);
      im -= v * Math.sin((2 * Math.PI * f * n) / sfreq);
    });
    return Math.hypot(re, im);
  };
  // A Hamming-windowed order-100 filter cannot be sharper than about 3.3·sfreq/100 Hz:
  // the pass band holds up to 45 Hz minus half that, the stop band from 50 Hz plus half.
  it.each([128, 250, 500, 1000])('passes below 45 Hz and stops above 50 Hz, within its transition, at %d Hz; forwards-backwards squares the gain', (sfreq) => {
    const h = prepLowpassKernel(sfreq);
    const halfTransition = (3.3 * sfreq) / 200;
    expect(h).toHaveLength(101);
    h.forEach((v, n) => expect(v).toBeCloseTo(h[100 - n]!, 14)); // symmetric: linear phase
    for (const f of [0, 5, 10, 20, 30, 40].filter((f) => f <= 45 - halfTransition)) expect(Math.abs(gainAt(h, f, sfreq) - 1)).toBeLessThan(0.02);
    for (const f of [55, 60, 70, 100].filter((f) => f >= 50 + halfTransition && f < sfreq / 2)) expect(gainAt(h, f, sfreq)).toBeLessThan(0.02);
    const hh = forwardBackwardKernel(h);
    for (const f of [10, 47, 60].filter((f) => f < sfreq / 2)) expect(gainAt(hh, f, sfreq)).toBeCloseTo(gainAt(h, f, sfreq) ** 2, 12);
  });
});
