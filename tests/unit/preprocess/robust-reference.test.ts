/**
 * The bad_channels step and PREP's robust average reference in the chain, on
 * generated 32-channel EEG with planted faults.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { standardPosition } from '../../../pipelines/eeg/montage';
import type { Recording } from '../../../pipelines/eeg/types';
import { interpolateBadChannels } from '../../../pipelines/preprocess/bad-channels/interpolate';
import { runChain } from '../../../pipelines/preprocess/run-chain';
import { defaultSpec } from '../../../pipelines/preprocess/spec';
import type { PreprocessingSpec, StepOf } from '../../../pipelines/preprocess/spec';
import { averageReference } from '../../../pipelines/preprocess/steps/average-reference';
import { badChannels } from '../../../pipelines/preprocess/steps/bad-channels';
import { robustAverageReference } from '../../../pipelines/preprocess/steps/robust-reference';
import type { EegState, RecordingContext } from '../../../pipelines/preprocess/types';
import { CHANNELS_64, addWhiteNoise, replaceWithUnrelated, syntheticEeg } from './support/synthetic-eeg';

const NAMES = CHANNELS_64.filter((_, i) => i % 2 === 0);
const SFREQ = 250;
const at = (name: string) => NAMES.indexOf(name);

function recordingOf(data: Float32Array[]): Recording {
  const n = data[0]!.length;
  return {
    format: 'EDF', path: 'gen.edf', samplingRate: SFREQ, sampleCount: n, duration: n / SFREQ, startTime: null,
    channels: NAMES.map((name) => ({ name, type: 'EEG', unit: 'µV', fileUnit: 'uV', samplingRate: SFREQ, sampleCount: n })),
    annotations: [], segments: [{ startSample: 0, sampleCount: n, onset: 0 }], gaps: [], details: {}, data,
  };
}

function specWith(method: 'average' | 'robust', badEnabled = true): PreprocessingSpec {
  const spec = defaultSpec();
  for (const s of spec.steps) {
    if (s.name === 'bad_channels') s.enabled = badEnabled;
    if (s.name === 'average_reference') s.params.method = method;
    if (s.name === 'epochs') for (const c of Object.values(s.params.rejection)) c.enabled = false;
  }
  return spec;
}

const stepOf = <N extends 'bad_channels' | 'average_reference'>(spec: PreprocessingSpec, name: N) => spec.steps.find((s) => s.name === name) as StepOf<N>;
const ctxOf = (data: Float32Array[], extra: Partial<RecordingContext> = {}): RecordingContext => ({ recording: recordingOf(data), channelsTsv: [], powerLineFrequency: 50, label: 'gen.edf', ...extra });
const stateOf = (data: Float32Array[]): EegState => ({ sfreq: SFREQ, channels: [...NAMES], data, epochs: null, scale: 1 });
const copy = (data: Float32Array[]) => data.map((x) => Float32Array.from(x));

let clean: Float32Array[] = [];
let faulty: Float32Array[] = [];
beforeAll(() => {
  clean = syntheticEeg(NAMES, SFREQ, 60, 11);
  faulty = copy(clean);
  faulty[at('O1')]!.fill(3);
  addWhiteNoise(faulty[at('C3')]!, 10, 4);
  replaceWithUnrelated(faulty[at('F6')]!, SFREQ, 8);
});

describe('the bad_channels step in the chain (plain average reference after it)', () => {
  it('finds and interpolates the planted channels, and reports them as quality', () => {
    const result = runChain(ctxOf(copy(faulty)), specWith('average'));
    expect(new Set(result.quality.interpolatedChannels)).toEqual(new Set(['O1', 'C3', 'F6']));
    const report = result.reports.find((r) => r.step === 'bad_channels')!;
    expect(report.details).toMatchObject({ by: { flat: ['O1'], hf_noise: ['C3'], correlation: ['F6'] }, positionsFrom: 'standard_1005' });
    expect(report.summary).toMatch(/^3 bad \(flat: O1; hf_noise: C3; correlation: F6\); interpolated /);
    for (const v of result.features.values()) expect(Number.isFinite(v)).toBe(true);
  });

  it('takes positions from electrodes.tsv when it places every channel', () => {
    const rows = NAMES.map((name) => {
      const [x, y, z] = standardPosition(name)!;
      return { name, x: String(x * 1000 + 3), y: String(y * 1000 - 5), z: String(z * 1000 + 20) };
    });
    const state = stateOf(copy(faulty));
    const { report } = badChannels(state, stepOf(specWith('average'), 'bad_channels'), ctxOf(state.data, { electrodes: { file: 'e.tsv', rows, units: 'mm' } }), false);
    expect(report.details.positionsFrom).toBe('electrodes.tsv');
  });

  it('with interpolate off, reports the bad channels and leaves the data alone', () => {
    const spec = specWith('average');
    const step = stepOf(spec, 'bad_channels');
    step.params.interpolate = false;
    const state = stateOf(copy(faulty));
    const { report } = badChannels(state, step, ctxOf(state.data), false);
    expect(report.details).toMatchObject({ bad: ['F6', 'C3', 'O1'].sort((a, b) => at(a) - at(b)), interpolated: [] });
    expect(state.data).toEqual(faulty);
  });
});

describe("PREP's robust average reference", () => {
  it('on a clean recording equals the plain average reference, and interpolates nothing', () => {
    const spec = specWith('robust');
    const robust = stateOf(copy(clean));
    const { result } = robustAverageReference(robust, stepOf(spec, 'average_reference'), stepOf(spec, 'bad_channels'), ctxOf(robust.data));
    const plain = averageReference(stateOf(copy(clean)), stepOf(specWith('average'), 'average_reference')).state;
    expect(result.report.details).toMatchObject({ method: 'robust', interpolated: [], stillBad: [] });
    // One comparison of the largest difference: an expect per sample costs more than the reference itself.
    let largest = 0;
    robust.data.forEach((x, c) => x.forEach((v, i) => (largest = Math.max(largest, Math.abs(v - plain.data[c]![i]!)))));
    expect(largest).toBeLessThan(1e-3);
  });

  it('keeps bad channels out of the reference: the result is the average reference of the data with them interpolated', () => {
    const spec = specWith('robust');
    const robust = stateOf(copy(faulty));
    const { result, detection } = robustAverageReference(robust, stepOf(spec, 'average_reference'), stepOf(spec, 'bad_channels'), ctxOf(robust.data));
    const interpolated = result.report.details.interpolated as string[];
    expect(new Set(interpolated)).toEqual(new Set(['O1', 'C3', 'F6']));
    expect(detection.details).toMatchObject({ robustReference: true, unusable: ['O1'], stillBad: [] });
    // What it should equal: interpolate those channels, then subtract the mean over
    // the usable ones (PREP leaves unusable channels, here the flat O1, out of the reference).
    const expected = copy(faulty);
    interpolateBadChannels(expected, NAMES, NAMES.map((n) => standardPosition(n)!), new Set(interpolated), 'x');
    const usable = expected.filter((_, c) => NAMES[c] !== 'O1');
    const mean = expected[0]!.map((_, i) => usable.reduce((a, x) => a + x[i]!, 0) / usable.length);
    for (const x of expected) x.forEach((v, i) => (x[i] = v - mean[i]!));
    let worst = 0;
    robust.data.forEach((x, c) => x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[c]![i]!)))));
    expect(worst).toBeLessThan(1e-3);
  });

  it('in the chain: the planted channels become quality columns, features stay finite', () => {
    const result = runChain(ctxOf(copy(faulty)), specWith('robust'));
    expect(new Set(result.quality.interpolatedChannels)).toEqual(new Set(['O1', 'C3', 'F6']));
    expect(result.reports.map((r) => r.step)).toEqual(['pick_eeg', 'line_noise', 'bandpass', 'bad_channels', 'bad_channels', 'average_reference', 'epochs', 'huber_normalization']);
    expect(result.reports[3]!.details).toEqual({ deferred: true });
    for (const v of result.features.values()) expect(Number.isFinite(v)).toBe(true);
  });

  it('needs the bad_channels step: without it the spec is refused with the reason', () => {
    expect(() => runChain(ctxOf(copy(clean)), specWith('robust', false))).toThrow(/average_reference\.method "robust" needs the bad_channels step enabled/);
  });
});
