/**
 * The ica and wica steps in the spec and on a made-up recording: sources mixed
 * into 8 channels, one of them carrying large blinks. The chain's decomposition
 * finds the blink component, wICA cleans it in the epochs that hold blinks, and
 * what it removed leaves the channels; the counts reach the quality columns.
 */
import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from '../../../pipelines/artifacts/numpy-random';
import type { Recording } from '../../../pipelines/eeg/types';
import { runChain } from '../../../pipelines/preprocess/run-chain';
import { defaultSpec, parseSpec } from '../../../pipelines/preprocess/spec';
import type { PreprocessingSpec, StepOf } from '../../../pipelines/preprocess/spec';
import { ica } from '../../../pipelines/preprocess/steps/ica';
import { wica } from '../../../pipelines/preprocess/steps/wica';
import type { EegState } from '../../../pipelines/preprocess/types';

const SFREQ = 100;
const SECONDS = 60;
const BLINKS = [4.2, 17.5, 33.1, 48.8];

/** 8 channels: 8 non-Gaussian sources mixed; source 0 is blinks only (0.4 s bumps of 150 µV). */
function mixedChannels(): Float32Array[] {
  const rng = new NumpyRandomState(11);
  const n = SFREQ * SECONDS;
  const sources = Array.from({ length: 8 }, (_, s) =>
    Float64Array.from({ length: n }, (_, t) => {
      if (s === 0) {
        const at = BLINKS.find((b) => t >= b * SFREQ && t < (b + 0.4) * SFREQ);
        return (at === undefined ? 0 : 150 * Math.sin((Math.PI * (t - at * SFREQ)) / (0.4 * SFREQ))) + rng.nextGauss() * 0.5;
      }
      const u = rng.nextDouble();
      return s % 2 ? (u - 0.5) * 20 : Math.sin((2 * Math.PI * (6 + s) * t) / SFREQ + u * 0.3) * 8;
    }),
  );
  const mixing = rng.normal(64);
  return Array.from({ length: 8 }, (_, ch) => Float32Array.from({ length: n }, (_, t) => sources.reduce((a, y, s) => a + mixing[ch * 8 + s]! * 0.5 * y[t]!, 0)));
}

function stepOf<N extends 'ica' | 'wica'>(name: N, enabled = true): StepOf<N> {
  const s = structuredClone(defaultSpec().steps.find((x) => x.name === name)) as StepOf<'ica' | 'wica'>;
  s.enabled = enabled;
  return s as StepOf<N>;
}

function blinkPeak(data: Float32Array[]): number {
  let peak = 0;
  for (const x of data) for (const b of BLINKS) for (let t = b * SFREQ; t < (b + 0.4) * SFREQ; t++) peak = Math.max(peak, Math.abs(x[Math.round(t)]!));
  return peak;
}

describe('ica and wica in the spec', () => {
  it('are in the default spec, after the reference and before the epochs, off by default', () => {
    const names = defaultSpec().steps.map((s) => s.name);
    expect(names.indexOf('ica')).toBe(names.indexOf('average_reference') + 1);
    expect(names.indexOf('wica')).toBe(names.indexOf('ica') + 1);
    expect(names.indexOf('epochs')).toBe(names.indexOf('wica') + 1);
    expect(stepOf('ica', false).params).toEqual({ algorithm: 'parallel', nComponents: null, fun: 'logcosh', alpha: 1, tol: 1e-4, maxIter: 1000, seed: 0 });
    expect(stepOf('wica', false).params).toEqual({ epochSeconds: 5, k: 4, wavelet: 'db6', mode: 'periodization', maxLevel: 6 });
  });

  it('refuses wica without ica, naming the step', () => {
    const spec = defaultSpec();
    spec.steps.find((s) => s.name === 'wica')!.enabled = true;
    const at = spec.steps.findIndex((s) => s.name === 'wica');
    expect(() => parseSpec(spec)).toThrow(`Preprocessing spec: steps[${at}].enabled: wICA cleans independent components: enable the "ica" step`);
  });

  it('names a bad parameter: a seed numpy would refuse, an unknown wavelet', () => {
    const spec = defaultSpec() as PreprocessingSpec;
    const at = spec.steps.findIndex((s) => s.name === 'ica');
    (spec.steps[at]!.params as { seed: number }).seed = -1;
    expect(() => parseSpec(spec)).toThrow(`steps[${at}].params.seed`);
    const spec2 = JSON.parse(JSON.stringify(defaultSpec()).replace('"db6"', '"db4"'));
    expect(() => parseSpec(spec2)).toThrow(`steps[${at + 1}].params.wavelet`);
  });
});

describe('ica then wica on channels with blinks', () => {
  const channels = mixedChannels();
  const original = channels.map((x) => Float32Array.from(x));
  const state: EegState = { sfreq: SFREQ, channels: channels.map((_, i) => `CH${i}`), data: channels, epochs: null, scale: 1 };
  const fitted = ica(state, stepOf('ica'), 'sub-01');
  const unchanged = fitted.state.data.every((x, c) => x.every((v, t) => v === original[c]![t]));
  const cleaned = wica(fitted.state, stepOf('wica'), 'sub-01');

  it('fits every component, converges and leaves the data to wica', () => {
    expect(fitted.report.details).toMatchObject({ components: 8, channels: 8, converged: true, seed: 0 });
    expect(unchanged).toBe(true);
  });

  it('cleans the blink component in the epochs that hold blinks', () => {
    const d = cleaned.report.details as { componentsTouched: number; epochsTouched: number; epochs: number; touchedPerComponent: number[] };
    expect(d.epochs).toBe(12);
    expect(d.componentsTouched).toBeGreaterThanOrEqual(1);
    // Blinks fall in epochs 0, 3, 6 and 9 (5 s each): those at least are touched.
    expect(d.epochsTouched).toBeGreaterThanOrEqual(4);
    expect(Math.max(...d.touchedPerComponent)).toBeGreaterThanOrEqual(4);
    expect(cleaned.report.summary).toMatch(/^wICA \(k = 4, db6\): \d+ of 8 components cleaned, in \d+ of 12 epochs of 5 s$/);
  });

  it('takes most of the blinks out of the channels', () => {
    expect(blinkPeak(cleaned.state.data)).toBeLessThan(0.5 * blinkPeak(original));
  });

  it('refuses more components than channels, naming the recording', () => {
    const s = stepOf('ica');
    s.params.nComponents = 9;
    expect(() => ica(state, s, 'sub-02')).toThrow('sub-02: ica asks for 9 components but the recording has 8 channels.');
  });
});

describe('the chain with ica and wica', () => {
  const channels = mixedChannels();
  const recording: Recording = {
    format: 'EDF',
    path: 'x.edf',
    channels: channels.map((_, i) => ({ name: ['FP1', 'FP2', 'F3', 'F4', 'C3', 'C4', 'O1', 'O2'][i]!, type: 'EEG', unit: 'µV', fileUnit: 'uV', samplingRate: SFREQ, sampleCount: SFREQ * SECONDS })),
    samplingRate: SFREQ,
    sampleCount: SFREQ * SECONDS,
    duration: SECONDS,
    startTime: null,
    annotations: [],
    segments: [{ startSample: 0, sampleCount: SFREQ * SECONDS, onset: 0 }],
    gaps: [],
    details: {},
    data: channels,
  };
  const ctx = { recording, channelsTsv: [], powerLineFrequency: 50, label: 'sub-01' };
  /**
   * No filters (100 Hz sampling), no amplitude rejection (the blinks must stay), artifact removal on or off.
   * Eight independent sources are not scalp EEG (PREP would call every channel uncorrelated): plain average reference.
   */
  const specWith = (artifacts: boolean): PreprocessingSpec => {
    const spec = defaultSpec();
    for (const s of spec.steps) {
      if (s.name === 'ica' || s.name === 'wica') s.enabled = artifacts;
      if (s.name === 'bad_channels') s.enabled = false;
      if (s.name === 'average_reference') s.params.method = 'average';
      if (s.name === 'line_noise' || s.name === 'bandpass' || s.name === 'huber_normalization') s.enabled = false;
      if (s.name === 'epochs') s.params.rejection.amplitude.enabled = false;
    }
    return parseSpec(spec);
  };

  it('reports the components and epochs wICA touched in the quality record', () => {
    const result = runChain(ctx, specWith(true));
    expect(result.reports.map((r) => r.step)).toEqual(['pick_eeg', 'average_reference', 'ica', 'wica', 'epochs']);
    // The average reference removes one dimension: 7 components.
    expect(result.reports[2]!.details.components).toBe(7);
    const wicaDetails = result.reports[3]!.details;
    expect(result.quality.wicaComponentsTouched).toBe(wicaDetails.componentsTouched);
    expect(result.quality.wicaEpochsTouched).toBe(wicaDetails.epochsTouched);
    expect(result.quality.wicaEpochsTouched).toBeGreaterThanOrEqual(4);
  });

  it('leaves the quality columns empty when wica is off', () => {
    const result = runChain({ ...ctx, recording: { ...recording, data: mixedChannels() } }, specWith(false));
    expect(result.quality.wicaComponentsTouched).toBeNull();
    expect(result.quality.wicaEpochsTouched).toBeNull();
  });
});
