/** The preprocessing steps on small made-up recordings, with planted faults. */
import { describe, expect, it } from 'vitest';
import type { Recording } from '../../../pipelines/eeg/types';
import { defaultSpec } from '../../../pipelines/preprocess/spec';
import type { StepOf } from '../../../pipelines/preprocess/spec';
import { huber, huberLocation, madStd } from '../../../pipelines/preprocess/robust';
import { epochs } from '../../../pipelines/preprocess/steps/epochs';
import { lineHarmonics } from '../../../pipelines/preprocess/steps/line-noise';
import { pickEeg } from '../../../pipelines/preprocess/steps/pick-eeg';
import { averageReference } from '../../../pipelines/preprocess/steps/average-reference';
import type { EegState } from '../../../pipelines/preprocess/types';
import { recordingOf } from '../../support/synthetic-recording';

function recording(names: Array<[string, string]>, n: number, sfreq = 100): Recording {
  return recordingOf(names, names.map((_, c) => Float32Array.from({ length: n }, (_, i) => Math.sin(i / (5 + c)) * 10)), sfreq);
}

function step<N extends 'pick_eeg' | 'epochs'>(name: N): StepOf<N> {
  return structuredClone(defaultSpec().steps.find((s) => s.name === name)) as StepOf<N>;
}

function noisyState(channels: number, seconds: number, sfreq = 100): EegState {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  const data = Array.from({ length: channels }, () => Float32Array.from({ length: seconds * sfreq }, () => rand() * 20));
  return { sfreq, channels: data.map((_, i) => `C${i}`), data, epochs: null, scale: 1 };
}

describe('pick_eeg', () => {
  it('takes types from channels.tsv over the file, drops status=bad, names by upper-case 10-10 label', () => {
    const rec = recording([['EEG Fp1', 'EEG'], ['EEG Cz', 'EEG'], ['ECG', 'EEG'], ['Fz-REF', 'MISC']], 50);
    const tsv = [
      { name: 'EEG Fp1', type: 'EEG', status: 'good' },
      { name: 'EEG Cz', type: 'EEG', status: 'bad' },
      { name: 'ECG', type: 'ECG', status: 'good' },
      { name: 'Fz-REF', type: 'EEG', status: 'good' },
    ];
    const { state, report } = pickEeg({ recording: rec, channelsTsv: tsv, powerLineFrequency: null, label: 'r' }, step('pick_eeg'));
    expect(state.channels).toEqual(['FP1', 'FZ']);
    expect(state.data[1]).toBe(rec.data[3]);
    expect(report.details.droppedBad).toEqual(['EEG Cz']);
  });

  it('fails with NO_EEG_CHANNELS when none is left', () => {
    const rec = recording([['ECG', 'ECG']], 50);
    expect(() => pickEeg({ recording: rec, channelsTsv: [], powerLineFrequency: null, label: 'sub-01' }, step('pick_eeg'))).toThrow(/sub-01: no EEG channel/);
  });
});

describe('line_noise harmonics', () => {
  it('keeps harmonics below the band-pass stop edge, or all below Nyquist', () => {
    expect(lineHarmonics(60, 500, 1, 62.5)).toEqual([60]);
    expect(lineHarmonics(60, 500, 1, Infinity)).toEqual([60, 120, 180, 240]);
    expect(lineHarmonics(50, 128, 1, 62.5)).toEqual([50]);
    expect(lineHarmonics(60, 100, 1, Infinity)).toEqual([]);
  });
});

describe('average_reference', () => {
  it('leaves every sample with zero mean over channels', () => {
    const s = noisyState(4, 2);
    averageReference(s, { name: 'average_reference', enabled: true, params: { method: 'average' } });
    for (let i = 0; i < 200; i += 37) expect(Math.abs(s.data.reduce((a, x) => a + x[i]!, 0))).toBeLessThan(1e-4);
  });
});

describe('epochs', () => {
  it('refuses a recording shorter than minEpochs epochs, saying how long it is', () => {
    expect(() => epochs(noisyState(3, 20), step('epochs'), 'sub-02')).toThrow(/sub-02: 20\.0 s of EEG holds 4 epochs of 5 s; the spec needs at least 6/);
  });

  it('rejects a planted spike by amplitude and a planted ramp by trend, and keeps clean epochs', () => {
    const s = noisyState(3, 50);
    s.data[1]![2 * 500 + 100] = 400;
    for (let i = 0; i < 500; i++) s.data[2]![5 * 500 + i] = s.data[2]![5 * 500 + i]! * 0.01 + i * 0.15;
    const { state, report } = epochs(s, step('epochs'), 'r');
    expect(state.epochs!.total).toBe(10);
    expect(state.epochs!.kept).not.toContain(2 * 500);
    expect(state.epochs!.kept).not.toContain(5 * 500);
    expect(state.epochs!.rejected.amplitude).toBe(1);
    expect(state.epochs!.rejected.trend).toBe(1);
    expect(state.epochs!.kept.length).toBeGreaterThanOrEqual(7);
    expect(report.summary).toContain('of 10 epochs of 5 s kept');
  });

  it('fails with TOO_FEW_EPOCHS when rejection leaves too few, with the reasons', () => {
    const s = noisyState(2, 40);
    for (let e = 0; e < 4; e++) s.data[0]![e * 500 + 3] = -500;
    expect(() => epochs(s, step('epochs'), 'r')).toThrow(/4 of 8 epochs of 5 s are clean \(rejected by amplitude 4.*at least 6/);
  });
});

describe('robust statistics', () => {
  it('MAD-std of a normal-like sample is near its SD', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const x = Array.from({ length: 20000 }, () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand()) * 3);
    expect(madStd(x)).toBeGreaterThan(2.85);
    expect(madStd(x)).toBeLessThan(3.15);
  });

  it('Huber location resists outliers', () => {
    const x = [...Array.from({ length: 40 }, (_, i) => 10 + Math.sin(i * 2.1) * 0.5), 50, 60, 70];
    const joint = huber(x)!;
    expect(joint).not.toBeNull();
    expect(joint.location).toBeGreaterThan(9.9);
    expect(joint.location).toBeLessThan(11);
    expect(huberLocation(x)!).toBeLessThan(11);
  });

  it('gives up (null) where statsmodels raises, and the fixed-scale estimate answers between the clusters', () => {
    const x = [16.2, 16.0, 16.6, 16.4, 17.2, 17.0, 17.7, 13.6, 13.1, 13.8, 12.7, 12.9, 13.7, 14.3, 13.9, 13.7, 13.7, 14.3, 13.7];
    expect(huber(x)).toBeNull();
    const k = huberLocation(x)!;
    expect(k).toBeGreaterThan(13.5);
    expect(k).toBeLessThan(16);
  });
});
