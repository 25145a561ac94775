/** inspectPath / formatInspectReport: the functions behind `neuroops inspect`. */
import AdmZip from 'adm-zip';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInspectReport, inspectPath, parseDataRange } from '../../../pipelines/eeg';
import type { DatasetReport, RecordingReport } from '../../../pipelines/eeg';
import { readRecording } from '../../../pipelines/eeg/open';
import { writeEdf, ramp } from './support/edf-writer';
import { scratch, recordingsDir, tinyBids } from './support/paths';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch('neuroops-inspect-')));
afterAll(() => cleanup());

describe('inspect a recording file', () => {
  const file = join(recordingsDir, 'edf/test_utf8_annotations.edf');

  it('reports format, channels, rate, samples, duration, start and annotations as JSON-able data', async () => {
    const r = (await inspectPath(file)) as RecordingReport;
    expect(r).toMatchObject({ kind: 'recording', format: 'EDF+', samplingRate: 200, sampleCount: 2000, duration: 10, startTime: '2009-12-10T12:44:02' });
    expect(r.channels[3]).toEqual({ name: 'ECG', type: 'ECG', unit: 'µV', samplingRate: 200, sampleCount: 2000 });
    expect(r.annotations).toEqual([{ onset: 0, duration: 0, text: 'RECORD START' }, { onset: 2, duration: 0.5, text: '仰卧' }]);
    expect(r.data).toBeUndefined();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('adds physical µV values for --data START:END', async () => {
    const r = (await inspectPath(file, { dataRange: [100, 105] })) as RecordingReport;
    const full = await readRecording(file);
    expect(r.data!.start).toBe(100);
    expect(r.data!.channels).toHaveLength(11);
    expect(r.data!.channels[1]).toEqual({ name: 'ramp', unit: 'µV', firstSample: 100, values: Array.from(full.data[1]!.slice(100, 105)) });
    const text = formatInspectReport(r);
    expect(text).toContain('Data, samples 100:105');
    expect(text).toMatch(/ramp \[µV\] from sample 100: (-?\d+\.?\d* ){4}-?\d/);
  });

  it('renders the header, channels and annotations as text', async () => {
    const text = formatInspectReport(await inspectPath(file));
    for (const line of ['Format:        EDF+', 'Sampling rate: 200 Hz', 'Samples:       2000', 'Duration:      10 s', 'Start time:    2009-12-10T12:44:02', 'Channels (11):', 'Annotations (2):']) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/4\s+ECG\s+ECG\s+µV\s+200/);
    expect(text).toMatch(/2\s+0\.5000\s+仰卧/);
  });

  it('shows gaps of an EDF+D file and the sub-second start', async () => {
    const path = join(dir, 'gappy.edf');
    await writeFile(path, writeEdf({ plus: 'D', records: 3, recordDuration: 1, recordOnsets: [0.5, 1.5, 4.5],
      signals: [{ label: 'Cz', physicalMin: -1, physicalMax: 1, digitalMin: -100, digitalMax: 100, samplesPerRecord: 10, digital: ramp(30, -100, 100) }] }));
    const r = (await inspectPath(path)) as RecordingReport;
    expect(r.startTime).toBe('2021-03-02T10:20:30.5');
    expect(r.gaps).toEqual([{ onset: 2, duration: 2 }]);
    expect(formatInspectReport(r)).toMatch(/Discontinuous: 2 segments, gaps:\n.*\n\s+2\s+2/);
  });

  it('refuses a bad range, an unknown file type and a missing path', async () => {
    await expect(inspectPath(file, { dataRange: [1990, 2001] })).rejects.toMatchObject({ code: 'OUT_OF_RANGE' });
    const txt = join(dir, 'notes.txt');
    await writeFile(txt, 'x');
    await expect(inspectPath(txt)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    await expect(inspectPath(join(dir, 'nothing.edf'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('parses --data START:END for the CLI', () => {
    expect(parseDataRange('0:256')).toEqual([0, 256]);
    expect(parseDataRange(' 10 : 20 ')).toEqual([10, 20]);
    for (const bad of ['5:5', '9:3', '-1:4', 'a:b', '12', '1.5:3']) {
      expect(() => parseDataRange(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('reads upper-case extensions', async () => {
    const upper = join(dir, 'COPY.EDF');
    await copyFile(file, upper);
    expect((await inspectPath(upper)).kind).toBe('recording');
  });
});

describe('inspect a dataset', () => {
  it('reports subjects, sessions, recordings and findings for tiny_bids', async () => {
    const r = (await inspectPath(tinyBids)) as DatasetReport;
    expect(r).toMatchObject({ kind: 'dataset', source: 'folder', name: 'tiny_bids', bidsVersion: '1.7.0' });
    expect(r.subjects).toEqual([{ id: 'sub-01', sessions: ['ses-eeg'], participant: { participant_id: 'sub-01', age: '29', sex: 'F', hand: 'A', weight: 'n/a', height: 'n/a' } }]);
    expect(r.recordings).toEqual([{
      path: 'sub-01/ses-eeg/eeg/sub-01_ses-eeg_task-rest_eeg.vhdr', subject: '01', session: 'eeg', task: 'rest', acq: null, run: null,
      format: 'BrainVision', samplingRate: 5000, sampleCount: 10000, duration: 2, channelCount: 69, badChannels: ['PO10'], eventCount: 2,
      powerLineFrequency: 60, eegReference: 'n/a', usable: true,
    }]);
    expect(r.summary).toEqual({ recordings: 1, usable: 1, errors: 0, warnings: 0 });
    const text = formatInspectReport(r);
    expect(text).toContain('Dataset:    tiny_bids  (BIDS 1.7.0, folder');
    expect(text).toContain('Subjects (1): sub-01');
    expect(text).toContain('Sessions (1): sub-01/ses-eeg');
    expect(text).toMatch(/sub-01_ses-eeg_task-rest_eeg\.vhdr\s+BrainVision\s+69\s+5000\s+2\s+60\s+1\s+yes/);
    expect(text).toContain('Findings (0 errors, 0 warnings):\n  none');
  });

  it('gives the same report for a zip of tiny_bids, and lists findings when there are some', async () => {
    const zip = new AdmZip();
    zip.addLocalFolder(tinyBids, 'tiny_bids');
    zip.deleteFile('tiny_bids/README');
    const zipPath = join(dir, 'tiny_bids.ZIP');
    zip.writeZip(zipPath);
    const folder = (await inspectPath(tinyBids)) as DatasetReport;
    const zipped = (await inspectPath(zipPath)) as DatasetReport;
    expect(zipped.source).toBe('zip');
    expect(zipped.recordings).toEqual(folder.recordings);
    expect(zipped.subjects).toEqual(folder.subjects);
    expect(zipped.findings).toEqual([{ file: 'README', rule: 'README_FILE_MISSING', severity: 'warning', message: 'the dataset has no README at its top level' }]);
    expect(formatInspectReport(zipped)).toMatch(/Findings \(0 errors, 1 warning\):\n.*\n\s+WARNING\s+README\s+README_FILE_MISSING/);
    await expect(inspectPath(zipPath, { dataRange: [0, 10] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
