/** scans.tsv: its filename column, listed files, acq_time, and recordings it leaves out. */
import { describe, expect, it } from 'vitest';
import { loadBidsDataset } from '../../../pipelines/eeg/bids';
import type { BidsDataset } from '../../../pipelines/eeg/bids';
import { isBidsDatetime } from '../../../pipelines/eeg/bids/scans';
import { generatedDatasets, edfBytes, twoSubjectDataset } from './support/bids-builder';
import { tinyBids } from './support/paths';

const { dataset } = generatedDatasets('neuroops-bids-scans-');

const SCANS = 'sub-02/sub-02_scans.tsv';
const SUB02 = 'sub-02/eeg/sub-02_task-rest_eeg.edf';
const scansFindings = (ds: BidsDataset) => ds.findings.filter((f) => f.rule.startsWith('SCANS_'));
const withScans = (tsv: string) => ({ ...twoSubjectDataset(), [SCANS]: tsv });

describe('scans.tsv', () => {
  it('a clean dataset has no scans findings, and each recording gets its acq_time', async () => {
    const ds = await dataset(twoSubjectDataset());
    expect(ds.findings).toEqual([]);
    // ses-a has no scans file, sub-02's row says n/a, ses-b's row gives a (shifted) time.
    expect(ds.recordings.map((r) => [r.path, r.acqTime])).toEqual([
      ['sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf', null],
      ['sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_eeg.edf', '1924-05-06T10:30:00.250000Z'],
      [SUB02, null],
    ]);
    const tiny = await loadBidsDataset(tinyBids);
    expect(tiny.recordings[0]!.acqTime).toBe('2000-01-01T12:00:00.000000Z');
  });

  it('without a filename column: an error against the file, and no recording is judged by it', async () => {
    const ds = await dataset(withScans('file\tacq_time\neeg/sub-02_task-rest_eeg.edf\tn/a\n'));
    expect(scansFindings(ds)).toEqual([{
      file: SCANS, rule: 'SCANS_TSV_COLUMN_MISSING', severity: 'error', message: `${SCANS} lacks the required column(s) filename`,
    }]);
    expect(ds.recordings.every((r) => r.usable)).toBe(true);
  });

  it('a listed file that is not in the dataset is an error naming the row, with a hint when the folder is wrong', async () => {
    const ds = await dataset(withScans([
      'filename\tacq_time',
      'eeg/sub-02_task-rest_eeg.edf\tn/a',
      'sub-02_task-rest_eeg.edf\tn/a',
      'eeg/sub-02_task-gone_eeg.edf\tn/a',
      '../sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf\tn/a',
      'eeg/sub-02_task-rest_eeg.edf\tn/a',
    ].join('\n') + '\n'));
    const found = scansFindings(ds);
    expect(found.map((f) => [f.severity, f.rule, f.file, f.recording])).toEqual([
      ['error', 'SCANS_FILENAME_NOT_MATCH_DATASET', SCANS, undefined],
      ['error', 'SCANS_FILENAME_NOT_MATCH_DATASET', SCANS, undefined],
      ['error', 'SCANS_FILENAME_NOT_MATCH_DATASET', SCANS, undefined],
      ['error', 'SCANS_FILENAME_DUPLICATE', SCANS, undefined],
    ]);
    expect(found[0]!.message).toBe(`${SCANS} line 3: sub-02_task-rest_eeg.edf is listed but sub-02/sub-02_task-rest_eeg.edf is not in the dataset (filenames are relative to sub-02/); did you mean eeg/sub-02_task-rest_eeg.edf?`);
    expect(found[1]!.message).toMatch(/line 4: eeg\/sub-02_task-gone_eeg\.edf is listed .*; correct the row or remove it$/);
    // A file of another subject exists, but a scans file describes its own folder only.
    expect(found[2]!.message).toBe(`${SCANS} line 5: ../sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf points outside sub-02/; a scans file lists only files in its own folder`);
    expect(found[3]!.message).toMatch(/line 6: eeg\/sub-02_task-rest_eeg\.edf is listed twice/);
    // The recordings themselves are fine: the fault is in the table.
    expect(ds.recordings.every((r) => r.usable)).toBe(true);
  });

  it('acq_time not in the BIDS datetime form is a warning, and the recording then has no acqTime', async () => {
    const ds = await dataset(withScans('filename\tacq_time\neeg/sub-02_task-rest_eeg.edf\t2021-03-04 09:15:00\n'));
    expect(scansFindings(ds).map((f) => [f.severity, f.rule, f.file])).toEqual([['warning', 'SCANS_ACQ_TIME_INVALID', SCANS]]);
    expect(scansFindings(ds)[0]!.message).toMatch(/line 2: acq_time "2021-03-04 09:15:00" is not a BIDS datetime \(YYYY-MM-DDThh:mm:ss/);
    expect(ds.recordings.find((r) => r.path === SUB02)).toMatchObject({ acqTime: null, usable: true });
  });

  it('recognises the BIDS datetime form', () => {
    for (const ok of ['2021-03-04T09:15:00', '2021-03-04T09:15:00.5', '1877-06-15T13:45:30.123456', '2000-01-01T12:00:00.000000Z', '2021-03-04T23:59:59UTC']) {
      expect([ok, isBidsDatetime(ok)]).toEqual([ok, true]);
    }
    for (const bad of ['2021-03-04', '2021-03-04 09:15:00', '04/03/2021 09:15', '2021-13-04T09:15:00', '2021-03-04T24:00:00', '2021-03-04T09:15:00.1234567', '2021-03-04T09:15:00+01:00']) {
      expect([bad, isBidsDatetime(bad)]).toEqual([bad, false]);
    }
  });

  it('a recording its session scans file does not list is a warning against that recording', async () => {
    const acqB = 'sub-02/eeg/sub-02_task-rest_acq-b_eeg.edf';
    const ds = await dataset({ ...twoSubjectDataset(), [acqB]: edfBytes() });
    expect(scansFindings(ds)).toEqual([{
      file: SCANS, rule: 'SCANS_RECORDING_NOT_LISTED', severity: 'warning', recording: acqB, recordings: [acqB],
      message: `${SCANS} does not list eeg/sub-02_task-rest_acq-b_eeg.edf; add a row for it (filename eeg/sub-02_task-rest_acq-b_eeg.edf) so its acquisition time is known`,
    }]);
    expect(ds.recordings.find((r) => r.path === acqB)).toMatchObject({ acqTime: null, usable: true });
  });
});
