/**
 * Band-power features end to end: known sines land in their bands, the demo
 * dataset gives a full row per recording, and a recording that cannot fill
 * the columns gets an error instead of a row.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBidsDataset, readRecording } from '../../../pipelines/eeg';
import { recordingFeatures } from '../../../pipelines/features/recording-features';
import type { RecordingOutcome, RecordingSuccess } from '../../../pipelines/features/recording-features';
import { assembleTable, tableToCsv } from '../../../pipelines/features/table';
import { bundledDemoCohort } from '../../../pipelines/demo/cohort';
import { runChain } from '../../../pipelines/preprocess/run-chain';
import { defaultSpec } from '../../../pipelines/preprocess/spec';

const root = join(__dirname, '../../..');
const generator = join(root, 'tests/fixtures/eeg/recordings/edf/test_generator_2.edf');
const demo = join(root, 'resources/demo/bids');

describe('known spectra (test_generator_2.edf)', () => {
  it('puts each sine in its band', async () => {
    const recording = await readRecording(generator);
    const sines = { 'sine 8 Hz': 'Theta', 'sine 8.5 Hz': 'Alpha-1', 'sine 15 Hz': 'Beta1', 'sine 17 Hz': 'Beta1' } as Record<string, string>;
    const channelsTsv = recording.channels.map((c) => ({ name: c.name, type: c.name in sines ? 'EEG' : 'MISC' }));
    const spec = defaultSpec();
    // The sines share no reference and are not artefacts, nor scalp EEG for PREP to judge: keep them whole.
    spec.steps = spec.steps.filter((s) => s.name !== 'average_reference' && s.name !== 'bad_channels');
    const ep = spec.steps.find((s) => s.name === 'epochs')!;
    if (ep.name === 'epochs') for (const c of Object.values(ep.params.rejection)) c.enabled = false;
    const result = runChain({ recording, channelsTsv, powerLineFrequency: 50, label: 'gen' }, spec);
    expect(result.quality.epochsKept).toBe(120);
    for (const [name, band] of Object.entries(sines)) {
      const ch = name.toUpperCase();
      const row = spec.bands.map((b) => [b.name, result.features.get(`power_${ch}_${b.name}`)!] as const);
      const best = row.reduce((a, b) => (b[1] > a[1] ? b : a));
      expect(best[0], name).toBe(band);
      expect(best[1], name).toBeGreaterThan(0.75);
      expect(row.reduce((a, [, v]) => a + v, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('demo dataset', () => {
  it('gives one complete row per recording with keys, 19×8 power columns and quality', async () => {
    const ds = await loadBidsDataset(demo);
    try {
      const outcomes: RecordingOutcome[] = [];
      for (const r of ds.recordings) outcomes.push(await recordingFeatures(ds.root, r, defaultSpec()));
      const table = assembleTable(outcomes, ds.participants);
      expect(table.errors).toEqual([]);
      expect(table.rows).toHaveLength(6);
      expect(table.columns.slice(0, 8)).toEqual(['participant_id', 'session', 'task', 'run', 'group', 'site', 'age', 'sex']);
      expect(table.featureColumns).toHaveLength(19 * 8);
      expect(table.featureColumns[0]).toBe('power_FP1_Delta');
      expect(table.columns.slice(-10)).toEqual([
        'bad_channels',
        'n_bad_channels',
        'interpolated_channels',
        'n_interpolated_channels',
        'epochs_total',
        'epochs_kept',
        'epochs_rejected',
        'seconds_kept',
        'wica_components_touched',
        'wica_epochs_touched',
      ]);
      const first = table.rows[0]!;
      expect(first.slice(0, 8)).toEqual(['sub-01', null, 'rest', null, 'HC', 'siteA', 64, 'F']);
      for (const row of table.rows) for (const v of row.slice(8, 8 + 152)) expect(Number.isFinite(v) && (v as number) > 0).toBe(true);
      expect(tableToCsv(table).split('\n')[1]!.startsWith('sub-01,,rest,,HC,siteA,64,F,0.')).toBe(true);
      // The default spec runs PREP: the generator's planted noisy electrodes are found and interpolated, no clean channel is.
      const planted = new Map(bundledDemoCohort().map((s) => [`sub-${s.id}`, s.badChannel?.toUpperCase() ?? '']));
      expect([...planted.values()].filter(Boolean)).toHaveLength(2);
      const interpolated = table.columns.indexOf('interpolated_channels');
      for (const row of table.rows) expect(row[interpolated], String(row[0])).toBe(planted.get(String(row[0])));
    } finally {
      await ds.dispose();
    }
  });
});

describe('table assembly', () => {
  const success = (subject: string, channels: string[]): RecordingSuccess => ({
    path: `sub-${subject}/eeg/x.edf`,
    subject,
    session: null,
    task: 'rest',
    run: null,
    ok: true,
    channels,
    sfreq: 100,
    features: channels.map((c) => [`power_${c}_Alpha`, 0.5] as [string, number]),
    quality: { epochsTotal: 10, epochsKept: 9, epochsRejected: 1, secondsKept: 45, badChannels: [], interpolatedChannels: [], wicaComponentsTouched: null, wicaEpochsTouched: null },
    reports: [],
  });

  it('turns a recording lacking shared channels into an error, never a zero-filled row', () => {
    const table = assembleTable([success('01', ['A', 'B']), success('02', ['A', 'B']), success('03', ['A'])], null);
    expect(table.rows.map((r) => r[0])).toEqual(['sub-01', 'sub-02']);
    expect(table.errors).toEqual([{ path: 'sub-03/eeg/x.edf', code: 'MISSING_CHANNELS', message: expect.stringContaining('lacks the channels B') }]);
  });

  it('keeps failures as errors beside the rows', () => {
    const failed: RecordingOutcome = { path: 'sub-04/eeg/x.edf', subject: '04', session: null, task: 'rest', run: null, ok: false, error: { code: 'TOO_FEW_EPOCHS', message: 'few' } };
    const table = assembleTable([success('01', ['A']), failed], null);
    expect(table.rows).toHaveLength(1);
    expect(table.errors[0]!.code).toBe('TOO_FEW_EPOCHS');
  });
});
