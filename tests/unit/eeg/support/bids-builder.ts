/** Small BIDS datasets written on the fly, with EDF recordings from the EDF writer. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadBidsDataset } from '../../../../pipelines/eeg/bids';
import type { BidsDataset } from '../../../../pipelines/eeg/bids';
import { ramp, writeEdf } from './edf-writer';
import { scratch } from './paths';

export const CHANNELS = ['Fp1', 'Fp2', 'Cz', 'EOG'];

export function edfBytes(rate = 128, records = 2): Buffer {
  return writeEdf({
    records, recordDuration: 1,
    signals: CHANNELS.map((label, i) => ({
      label, unit: 'uV', physicalMin: -500, physicalMax: 500, digitalMin: -32768, digitalMax: 32767,
      samplesPerRecord: rate, digital: ramp(rate * records, -32768, 32767, i + 1),
    })),
  });
}

export function channelsTsv(names = CHANNELS, status: Record<string, string> = {}, rate = 128): string {
  return ['name\ttype\tunits\tsampling_frequency\tstatus',
    ...names.map((n) => `${n}\t${n === 'EOG' ? 'EOG' : 'EEG'}\tµV\t${rate}\t${status[n] ?? 'good'}`)].join('\n') + '\n';
}

export const EEG_JSON = { TaskName: 'rest', EEGReference: 'Cz', SamplingFrequency: 128, PowerLineFrequency: 60, SoftwareFilters: 'n/a' };

/** Writes `files` (relative path → content; objects become JSON) under `root`. */
export async function writeTree(root: string, files: Record<string, string | Buffer | object>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
  }
}

/**
 * For a test file: a scratch folder made before its tests and removed after
 * (`dir()`), and `dataset(files, drop)`, which writes `files` into a new
 * folder there, removes the paths in `drop` and loads the result.
 */
export function generatedDatasets(prefix: string): {
  dir: () => string;
  dataset: (files: Record<string, string | Buffer | object>, drop?: string[]) => Promise<BidsDataset>;
} {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ dir, cleanup } = await scratch(prefix)));
  afterAll(() => cleanup());
  let n = 0;
  return {
    dir: () => dir,
    dataset: async (files, drop = []) => {
      const root = join(dir, `ds${++n}`);
      await writeTree(root, files);
      for (const d of drop) await rm(join(root, d), { force: true });
      return loadBidsDataset(root);
    },
  };
}

export const COORDSYSTEM = { EEGCoordinateSystem: 'CapTrak', EEGCoordinateUnits: 'm' };

/** Two subjects, one with two sessions; task-level sidecars at the top, as inheritance allows. */
export function twoSubjectDataset(): Record<string, string | Buffer | object> {
  return {
    'dataset_description.json': { Name: 'generated', BIDSVersion: '1.8.0' },
    README: 'Generated for tests.',
    'participants.tsv': 'participant_id\tage\tsex\tgroup\nsub-01\t30\tF\tcontrol\nsub-02\t41\tM\tpatient\n',
    'participants.json': { group: { Description: 'study group' } },
    'task-rest_eeg.json': EEG_JSON,
    'task-rest_channels.tsv': channelsTsv(),
    'sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf': edfBytes(),
    'sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_eeg.edf': edfBytes(),
    'sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_events.tsv': 'onset\tduration\ttrial_type\n0.5\t0\tstim\n1.0\t0.2\tresp\n',
    'sub-01/ses-b/sub-01_ses-b_scans.tsv': 'filename\tacq_time\neeg/sub-01_ses-b_task-rest_run-1_eeg.edf\t1924-05-06T10:30:00.250000Z\n',
    'sub-02/eeg/sub-02_task-rest_eeg.edf': edfBytes(),
    'sub-02/eeg/sub-02_task-rest_eeg.json': { PowerLineFrequency: 50 },
    'sub-02/eeg/sub-02_task-rest_channels.tsv': channelsTsv(CHANNELS, { Fp2: 'bad' }),
    'sub-02/eeg/sub-02_electrodes.tsv': 'name\tx\ty\tz\nFp1\t-0.03\t0.1\t0.05\nFp2\t0.03\t0.1\t0.05\nCz\t0\t0\t0.1\n',
    'sub-02/eeg/sub-02_coordsystem.json': COORDSYSTEM,
    'sub-02/sub-02_scans.tsv': 'filename\tacq_time\tvigilance\neeg/sub-02_task-rest_eeg.edf\tn/a\t3\n',
  };
}
