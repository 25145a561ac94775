/** BIDS datasets: MNE-BIDS's tiny_bids, generated ones, zips of them, and the validation rules. */
import AdmZip from 'adm-zip';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBidsDataset } from '../../../pipelines/eeg/bids';
import type { BidsDataset } from '../../../pipelines/eeg/bids';
import { buildZip } from '../zip/support/zip-writer';
import { channelsTsv, EEG_JSON, edfBytes, generatedDatasets, twoSubjectDataset, writeTree } from './support/bids-builder';
import { tinyBids } from './support/paths';

const { dir: scratchDir, dataset } = generatedDatasets('neuroops-bids-test-');

const rules = (ds: BidsDataset) => ds.findings.map((f) => `${f.severity}:${f.rule}:${f.file}`);

describe('tiny_bids (made by MNE-BIDS)', () => {
  it('has one subject, one session, one usable BrainVision recording and no findings', async () => {
    const ds = await loadBidsDataset(tinyBids);
    expect([ds.name, ds.bidsVersion, ds.subjects, ds.sessions]).toEqual(['tiny_bids', '1.7.0', ['01'], [{ subject: '01', session: 'eeg' }]]);
    expect(ds.findings).toEqual([]);
    expect(ds.recordings).toHaveLength(1);
    const r = ds.recordings[0]!;
    expect(r).toMatchObject({ path: 'sub-01/ses-eeg/eeg/sub-01_ses-eeg_task-rest_eeg.vhdr', subject: '01', session: 'eeg', task: 'rest', format: 'BrainVision', usable: true, eventCount: 2, badChannels: ['PO10'] });
    expect(r.eegJson).toMatchObject({ PowerLineFrequency: 60, SamplingFrequency: 5000, EEGReference: 'n/a' });
    expect(r.header).toMatchObject({ samplingRate: 5000, channelCount: 69 });
    expect(r.channels.find((c) => c['name'] === 'HEOG')).toMatchObject({ type: 'EOG', units: 'µV' });
    expect(ds.participants?.rows).toEqual([{ participant_id: 'sub-01', age: '29', sex: 'F', hand: 'A', weight: 'n/a', height: 'n/a' }]);
  });

  it('reads the same dataset from a zip holding its folder, and removes the extracted copy', async () => {
    const zip = new AdmZip();
    zip.addLocalFolder(tinyBids, 'tiny_bids');
    const zipPath = join(scratchDir(), 'tiny_bids.zip');
    zip.writeZip(zipPath);
    const ds = await loadBidsDataset(zipPath);
    expect(ds.source).toEqual({ kind: 'zip', path: zipPath });
    expect(ds.recordings.map((r) => [r.path, r.usable])).toEqual([['sub-01/ses-eeg/eeg/sub-01_ses-eeg_task-rest_eeg.vhdr', true]]);
    expect(ds.findings).toEqual([]);
    await ds.dispose();
    await expect(import('node:fs/promises').then((fs) => fs.stat(ds.root))).rejects.toThrow();
  });
});

describe('a generated dataset with inheritance', () => {
  it('applies top-level sidecars to every subject and lets nearer ones override', async () => {
    const ds = await dataset(twoSubjectDataset());
    expect(ds.findings).toEqual([]);
    expect(ds.subjects).toEqual(['01', '02']);
    expect(ds.sessions).toEqual([{ subject: '01', session: 'a' }, { subject: '01', session: 'b' }]);
    const [a, b, c] = ds.recordings;
    expect(ds.recordings.map((r) => [r.subject, r.session, r.run, r.usable])).toEqual([['01', 'a', null, true], ['01', 'b', '1', true], ['02', null, null, true]]);
    expect(a!.eegJson?.['PowerLineFrequency']).toBe(60);
    expect(c!.eegJson).toMatchObject({ PowerLineFrequency: 50, EEGReference: 'Cz' });
    expect([a!.powerLineFrequency, c!.powerLineFrequency, c!.samplingFrequency, c!.eegReference]).toEqual([60, 50, 128, 'Cz']);
    expect(c!.sidecarFiles).toMatchObject({ eegJson: ['task-rest_eeg.json', 'sub-02/eeg/sub-02_task-rest_eeg.json'], channels: 'sub-02/eeg/sub-02_task-rest_channels.tsv', electrodes: 'sub-02/eeg/sub-02_electrodes.tsv' });
    expect(c!.badChannels).toEqual(['Fp2']);
    expect(b!.eventCount).toBe(2);
    expect(a!.sidecarFiles.channels).toBe('task-rest_channels.tsv');
  });
});

describe('validation findings', () => {
  it('a missing _eeg.json is an error naming the file, and the recording is unusable', async () => {
    const files = twoSubjectDataset();
    delete files['task-rest_eeg.json'];
    const ds = await dataset(files);
    const f = ds.findings.find((x) => x.rule === 'EEG_JSON_MISSING' && x.recording === 'sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf');
    expect(f).toMatchObject({ severity: 'error', file: 'sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.json' });
    expect(f!.message).toContain('sub-01_ses-a_task-rest_eeg.json');
    // sub-02 still has its own _eeg.json, but it lacks the required fields the top level gave.
    expect(rules(ds)).toContain('error:EEG_JSON_FIELD_MISSING:sub-02/eeg/sub-02_task-rest_eeg.json');
    expect(ds.recordings.every((r) => !r.usable)).toBe(true);
  });

  it('required _eeg.json fields and their values', async () => {
    const ds = await dataset({ ...twoSubjectDataset(), 'task-rest_eeg.json': { ...EEG_JSON, SoftwareFilters: undefined, PowerLineFrequency: 'sixty' } });
    expect(rules(ds)).toEqual(expect.arrayContaining(['error:EEG_JSON_FIELD_MISSING:task-rest_eeg.json', 'error:EEG_JSON_FIELD_INVALID:task-rest_eeg.json']));
    expect(ds.findings.find((f) => f.rule === 'EEG_JSON_FIELD_MISSING')!.message).toMatch(/SoftwareFilters/);
  });

  it('checks the header against channels.tsv (count, names, order) and the sampling frequency', async () => {
    const ds = await dataset({
      ...twoSubjectDataset(),
      'sub-01/ses-a/eeg/sub-01_ses-a_task-rest_channels.tsv': channelsTsv(['Fp1', 'Fp2', 'Cz']),
      'sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_channels.tsv': channelsTsv(['Fp2', 'Fp1', 'Cz', 'EOG']),
      'sub-02/eeg/sub-02_task-rest_channels.tsv': channelsTsv(['Fp1', 'Fp2', 'Cz', 'VEOG'], {}, 256),
      'sub-02/eeg/sub-02_task-rest_eeg.json': { PowerLineFrequency: 50, SamplingFrequency: 256 },
    });
    const byRec = (p: string) => ds.findings.filter((f) => f.recording?.startsWith(p)).map((f) => f.rule);
    expect(byRec('sub-01/ses-a')).toEqual(['CHANNEL_COUNT_MISMATCH', 'CHANNEL_NAME_MISMATCH']);
    expect(byRec('sub-01/ses-b')).toEqual(['CHANNEL_ORDER_MISMATCH']);
    expect(byRec('sub-02')).toEqual(['SAMPLING_FREQUENCY_MISMATCH', 'CHANNEL_NAME_MISMATCH', 'SAMPLING_FREQUENCY_MISMATCH', 'SAMPLING_FREQUENCY_MISMATCH', 'SAMPLING_FREQUENCY_MISMATCH']);
    expect(ds.findings.find((f) => f.rule === 'CHANNEL_NAME_MISMATCH' && f.recording?.startsWith('sub-02'))!.message).toMatch(/in the file but not listed: EOG; listed but not in the file: VEOG/);
    expect(ds.recordings.map((r) => r.usable)).toEqual([false, false, false]);
  });

  it('channels.tsv columns, types and status values; events.tsv and electrodes.tsv columns', async () => {
    const ds = await dataset({
      ...twoSubjectDataset(),
      'task-rest_channels.tsv': 'name\ttype\tunits\tstatus\nFp1\teeg\tµV\tgood\nFp2\tBRAIN\tµV\tgood\nCz\tEEG\tµV\tmaybe\nEOG\tEOG\tµV\tbad\n',
      'sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_events.tsv': 'onset\ttrial_type\nsoon\tstim\n',
      'sub-02/eeg/sub-02_electrodes.tsv': 'name\tx\ty\nFp1\t0\t0\n',
    });
    expect(rules(ds)).toEqual(expect.arrayContaining([
      'warning:CHANNELS_TYPE_UPPER_CASE:task-rest_channels.tsv',
      'error:CHANNELS_TYPE_INVALID:task-rest_channels.tsv',
      'error:CHANNELS_STATUS_INVALID:task-rest_channels.tsv',
      'error:EVENTS_TSV_COLUMN_MISSING:sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_events.tsv',
      'error:TSV_VALUE_NOT_NUMBER:sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_events.tsv',
      'error:ELECTRODES_TSV_COLUMN_MISSING:sub-02/eeg/sub-02_electrodes.tsv',
    ]));
    expect(ds.recordings.find((r) => r.subject === '01')!.badChannels).toEqual(['EOG']);
  });

  it('dataset-level rules: description fields, README, participants', async () => {
    const ds = await dataset({
      ...twoSubjectDataset(),
      'dataset_description.json': { Name: 'x' },
      'participants.tsv': 'participant_id\tage\nsub-01\t30\nsub-03\t50\n',
    }, ['README']);
    expect(rules(ds)).toEqual([
      'error:DATASET_DESCRIPTION_FIELD_MISSING:dataset_description.json',
      'warning:README_FILE_MISSING:README',
      'error:PARTICIPANT_ID_MISMATCH:participants.tsv',
      'warning:PARTICIPANT_WITHOUT_DATA:participants.tsv',
    ]);
    // Dataset-level findings do not make recordings unusable.
    expect(ds.recordings.every((r) => r.usable)).toBe(true);
  });

  it('misplaced and misnamed recordings, unreadable ones, and a dataset without recordings', async () => {
    const ds = await dataset({
      ...twoSubjectDataset(),
      'sub-02/eeg/sub-03_task-rest_eeg.edf': edfBytes(),
      'sub-02/sub-02_task-rest_eeg.edf': edfBytes(),
      'sub-02/eeg/sub-02_run-1_task-rest_eeg.edf': edfBytes(),
      'sub-02/eeg/sub-02_task-broken_eeg.edf': Buffer.from('not an edf at all'.padEnd(300, '-')),
      'sub-02/eeg/sub-02_task-lost_eeg.vhdr': 'Brain Vision Data Exchange Header File Version 1.0\n[Common Infos]\nDataFile=gone.eeg\nNumberOfChannels=1\nSamplingInterval=1000\n[Channel Infos]\nCh1=Cz,,1,µV\n',
    });
    const r = rules(ds);
    expect(r).toContain('error:SUBJECT_MISMATCH:sub-02/eeg/sub-03_task-rest_eeg.edf');
    expect(r).toContain('error:FILE_NOT_IN_CORRECT_LOCATION:sub-02/sub-02_task-rest_eeg.edf');
    expect(r).toContain('error:ENTITY_ORDER:sub-02/eeg/sub-02_run-1_task-rest_eeg.edf');
    expect(r).toContain('error:RECORDING_INVALID_FILE:sub-02/eeg/sub-02_task-broken_eeg.edf');
    const lost = ds.findings.find((f) => f.rule === 'RECORDING_FILE_NOT_FOUND')!;
    expect(lost.message).toMatch(/sub-02_task-lost_eeg\.vhdr refers to data file gone\.eeg, which is missing/);
    expect(ds.recordings.filter((x) => x.usable).map((x) => x.path)).toEqual([
      'sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf', 'sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_eeg.edf', 'sub-02/eeg/sub-02_task-rest_eeg.edf',
    ]);
    const empty = await dataset({ 'dataset_description.json': { Name: 'e', BIDSVersion: '1.8.0' }, README: 'x', 'participants.tsv': 'participant_id\n' });
    expect(rules(empty)).toEqual(['error:NO_EEG_RECORDINGS:']);
  });
});

describe('things that are not BIDS datasets', () => {
  it('a folder without dataset_description.json', async () => {
    await writeTree(join(scratchDir(), 'plain'), { 'notes.txt': 'hello' });
    await expect(loadBidsDataset(join(scratchDir(), 'plain'))).rejects.toMatchObject({ code: 'NOT_BIDS', message: expect.stringContaining('dataset_description.json') });
  });

  it('a zip that is not BIDS, an empty zip, a zip-slip zip and a zip bomb', async () => {
    const put = async (name: string, bytes: Buffer) => (await writeFile(join(scratchDir(), name), bytes), join(scratchDir(), name));
    await expect(loadBidsDataset(await put('photos.zip', buildZip([{ name: 'a.jpg', data: Buffer.from('x') }, { name: 'b/c.txt', data: Buffer.from('y') }]))))
      .rejects.toMatchObject({ code: 'NOT_BIDS', message: expect.stringMatching(/photos\.zip is not a BIDS dataset/) });
    await expect(loadBidsDataset(await put('empty.zip', buildZip([])))).rejects.toMatchObject({ code: 'NOT_BIDS', message: expect.stringMatching(/empty\.zip is empty/) });
    await expect(loadBidsDataset(await put('slip.zip', buildZip([{ name: 'dataset_description.json', data: Buffer.from('{}') }, { name: '../../x', data: Buffer.from('y') }]))))
      .rejects.toMatchObject({ code: 'UNSAFE_ZIP', message: expect.stringContaining('slip.zip') });
    await expect(loadBidsDataset(await put('bomb.zip', buildZip([{ name: 'dataset_description.json', data: Buffer.from('{}') }, { name: 'sub-01/big.bin', data: Buffer.alloc(30 * 1024 * 1024) }]))))
      .rejects.toMatchObject({ code: 'ZIP_TOO_LARGE', message: expect.stringContaining('bomb.zip') });
  });

  it('a zip with the dataset at its top level works too', async () => {
    const zip = new AdmZip();
    for (const [rel, content] of Object.entries(twoSubjectDataset())) {
      zip.addFile(rel, typeof content === 'string' || Buffer.isBuffer(content) ? Buffer.from(content) : Buffer.from(JSON.stringify(content)));
    }
    const p = join(scratchDir(), 'flat.zip');
    zip.writeZip(p);
    const ds = await loadBidsDataset(p);
    expect(ds.recordings.filter((r) => r.usable)).toHaveLength(3);
    await ds.dispose();
  });
});
