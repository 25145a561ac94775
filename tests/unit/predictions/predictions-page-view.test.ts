/** The logic behind the Predictions page: findings order and the Run gate, model choice, bars, the label chart, the profile in training units, filters and export links. */
import { describe, expect, it } from 'vitest';
import {
  choiceKey,
  defaultChoice,
  exportUrls,
  filterOf,
  modelReference,
  outsideRange,
  probabilityBars,
  profilePoints,
  qualityText,
  recordingName,
  runBlocker,
  sortFindings,
  labelSeries,
} from '../../../renderer/pages/predictions/prediction-view';
import type { Finding, ModelChoice, ProfileRow, Validation } from '../../../renderer/pages/predictions/types';

const finding = (severity: Finding['severity'], message: string): Finding => ({ severity, code: 'X', message, path: null });
const validation = (findings: Finding[], recordings = 2): Validation => ({
  ok: !findings.some((f) => f.severity === 'error'),
  findings,
  recordings: Array.from({ length: recordings }, (_, i) => ({ entities: { subject: `0${i + 1}`, session: null, task: 'rest', run: null }, files: [] })),
});
const model = (name: string, version: number, isProduction: boolean): ModelChoice => ({
  name,
  version,
  aliases: isProduction ? ['production'] : [],
  stage: isProduction ? 'Production' : 'None',
  isProduction,
  metrics: { accuracy: 0.8 },
  specHash: null,
  createdAt: 0,
});

describe('validation findings and the Run gate', () => {
  it('lists errors before warnings and keeps the dataset order within each', () => {
    const sorted = sortFindings([finding('warning', 'w1'), finding('error', 'e1'), finding('warning', 'w2'), finding('error', 'e2')]);
    expect(sorted.map((f) => f.message)).toEqual(['e1', 'e2', 'w1', 'w2']);
  });

  it('blocks Run on any error, says how many, and lets warnings through', () => {
    expect(runBlocker(null)).toBe('Drop a BIDS dataset first.');
    expect(runBlocker(validation([finding('error', 'truncated EDF')]))).toBe('Fix the error in the dataset first.');
    expect(runBlocker(validation([finding('error', 'a'), finding('error', 'b'), finding('warning', 'c')]))).toBe('Fix the 2 errors in the dataset first.');
    expect(runBlocker(validation([finding('warning', 'no sessions.tsv')]))).toBeNull();
  });

  it('blocks Run on a dataset with no recording even without an error', () => {
    expect(runBlocker(validation([], 0))).toBe('The dataset holds no EEG recording to predict on.');
  });
});

describe('the model selector', () => {
  const models = [model('eeg', 3, false), model('eeg', 2, true), model('sleep', 1, false)];

  it('defaults to the production version, and to nothing when no version is in production', () => {
    expect(choiceKey(defaultChoice(models)!)).toBe('eeg/2');
    expect(defaultChoice([model('eeg', 1, false)])).toBeNull();
  });

  it('asks for production by the model name and for any other version by NAME/version', () => {
    expect(modelReference(models[1]!)).toBe('eeg');
    expect(modelReference(models[0]!)).toBe('eeg/3');
  });
});

describe('a recording in the results', () => {
  it('is named by its BIDS entities, absent ones left out', () => {
    expect(recordingName({ subject: '07', session: '02', task: 'rest', run: null })).toBe('sub-07 ses-02 task-rest');
  });

  it('shows probabilities as bars, the most likely class first', () => {
    expect(probabilityBars({ HC: 0.25, MCI: 0.75 })).toEqual([
      { label: 'MCI', p: 0.75 },
      { label: 'HC', p: 0.25 },
    ]);
    expect(probabilityBars(null)).toEqual([]);
  });

  it('sums up quality in words', () => {
    expect(qualityText({ epochsKept: 58, epochsTotal: 60, secondsKept: 116, interpolatedChannels: ['T7', 'O2'] })).toBe('58/60 epochs kept (116 s) · interpolated T7, O2');
    expect(qualityText({ epochsKept: 60, epochsTotal: 60, secondsKept: 120, interpolatedChannels: [] })).toBe('60/60 epochs kept (120 s) · no channel interpolated');
    expect(qualityText(null)).toBe('—');
  });
});

describe('the band-power profile against the training distribution', () => {
  const row = (feature: string, value: number, mean: number, std: number, q05: number, q95: number): ProfileRow => ({ feature, value, mean, std, q05, q95 });
  const profile = [row('power_FP1_Delta', 12, 10, 2, 7, 13), row('power_FP1_Alpha', 0.5, 0.4, 0.05, 0.33, 0.48), row('power_O1_Delta', 9.9, 10, 1, 8.5, 11.6)];

  it('puts every feature in training standard deviations, the 5-95% range too', () => {
    const [fp1Delta, fp1Alpha, o1Delta] = profilePoints(profile);
    expect(fp1Delta!.z).toBeCloseTo(1, 12);
    expect(fp1Delta!.range[0]).toBeCloseTo(-1.5, 12);
    expect(fp1Delta!.range[1]).toBeCloseTo(1.5, 12);
    expect(fp1Alpha!.z).toBeCloseTo(2, 12);
    expect(o1Delta!.z).toBeCloseTo(-0.1, 12);
    expect(fp1Delta!.band).toEqual([-1, 1]);
  });

  it('keeps the features furthest from the mean when asked for a few, in the schema order', () => {
    expect(profilePoints(profile, 2).map((p) => p.feature)).toEqual(['power_FP1_Delta', 'power_FP1_Alpha']);
  });

  it('ranks a feature with no spread in training and a different value first, as infinitely far', () => {
    const points = profilePoints([...profile, row('power_O1_Alpha', 1, 0.5, 0, 0.5, 0.5)], 1);
    expect(points.map((p) => [p.feature, p.z])).toEqual([['power_O1_Alpha', Infinity]]);
  });

  it('says whether a value lies outside the training 5th-95th percentiles', () => {
    expect(profile.map(outsideRange)).toEqual([false, true, false]);
  });
});

describe('the history', () => {
  it('stacks label counts by day: days in order, every label on every day', () => {
    const series = labelSeries({
      days: [
        { day: '2026-11-30', counts: { MCI: 2 } },
        { day: '2026-11-29', counts: { HC: 3, MCI: 1 } },
      ],
    });
    expect(series.labels).toEqual(['HC', 'MCI']);
    expect(series.rows).toEqual([
      { day: '2026-11-29', HC: 3, MCI: 1 },
      { day: '2026-11-30', HC: 0, MCI: 2 },
    ]);
  });

  it('turns the filter form into the API filter, dates as whole local days', () => {
    const filter = filterOf({ model: 'eeg', label: '', from: '2026-11-02', to: '2026-11-03' }, 40, 20);
    expect(filter).toEqual({ model: 'eeg', from: new Date(2026, 10, 2).getTime(), to: new Date(2026, 10, 4).getTime() - 1, limit: 20, offset: 40 });
    expect(filterOf({ model: '', label: 'HC', from: 'not a day', to: '' }, 0, 20)).toEqual({ label: 'HC', limit: 20, offset: 0 });
  });

  it('links the CSV exports to the server routes, the results narrowed like the list', () => {
    expect(exportUrls({ model: '', label: '', from: '', to: '' })).toEqual({ results: 'api/predictions/export.csv', audit: 'api/audit/export.csv' });
    expect(exportUrls({ model: 'eeg classifier', label: 'HC', from: '', to: '' }).results).toBe('api/predictions/export.csv?model=eeg+classifier&label=HC');
  });
});
