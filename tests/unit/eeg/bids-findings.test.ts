/** BIDS findings: misnamed files in eeg/ folders (NOT_INCLUDED), one finding for many recordings, reader warnings. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInspectReport, inspectPath } from '../../../pipelines/eeg';
import type { DatasetReport } from '../../../pipelines/eeg';
import { channelsTsv, EEG_JSON, edfBytes, generatedDatasets, twoSubjectDataset, writeTree } from './support/bids-builder';
import { fixturesDir } from './support/paths';

const { dir: scratchDir, dataset } = generatedDatasets('neuroops-bids-findings-');

describe('files BIDS does not recognise in an eeg/ folder', () => {
  it('reports a misnamed recording as a NOT_INCLUDED error instead of skipping it', async () => {
    const files = twoSubjectDataset();
    files['sub-02/eeg/sub-02_task-rest_eg.edf'] = edfBytes();
    files['sub-02/eeg/notes.txt'] = 'electrode 3 was loose';
    const ds = await dataset(files);
    const notIncluded = ds.findings.filter((f) => f.rule === 'NOT_INCLUDED');
    expect(notIncluded.map((f) => [f.severity, f.file])).toEqual([
      ['error', 'sub-02/eeg/notes.txt'],
      ['error', 'sub-02/eeg/sub-02_task-rest_eg.edf'],
    ]);
    expect(notIncluded[1]!.message).toMatch(/does not follow BIDS naming.*_eeg\.<ext>/);
    // The correctly named recordings are still read and usable.
    expect(ds.recordings.map((r) => [r.path, r.usable])).toEqual([
      ['sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf', true],
      ['sub-01/ses-b/eeg/sub-01_ses-b_task-rest_run-1_eeg.edf', true],
      ['sub-02/eeg/sub-02_task-rest_eeg.edf', true],
    ]);
  });

  it('accepts every sidecar BIDS allows beside a recording', async () => {
    const files = twoSubjectDataset();
    files['sub-02/eeg/sub-02_task-rest_events.tsv'] = 'onset\tduration\n1\t0\n';
    files['sub-02/eeg/sub-02_task-rest_events.json'] = { onset: { Description: 'x' } };
    files['sub-02/eeg/sub-02_task-rest_channels.json'] = {};
    files['sub-02/eeg/sub-02_photo.jpg'] = 'not really a jpeg';
    const ds = await dataset(files);
    expect(ds.findings.filter((f) => f.rule === 'NOT_INCLUDED')).toEqual([]);
  });
});

describe('one finding shared by many recordings', () => {
  const twelve = (): Record<string, string | Buffer | object> => {
    const files: Record<string, string | Buffer | object> = {
      'dataset_description.json': { Name: 'twelve', BIDSVersion: '1.8.0' },
      README: 'Generated for tests.',
      'participants.tsv': ['participant_id', ...Array.from({ length: 12 }, (_, i) => `sub-${String(i + 1).padStart(2, '0')}`)].join('\n') + '\n',
      // Inherited by all twelve recordings, and lacking a required field.
      'task-rest_eeg.json': { ...EEG_JSON, SoftwareFilters: undefined },
      'task-rest_channels.tsv': channelsTsv(),
    };
    for (let i = 1; i <= 12; i++) {
      const sub = String(i).padStart(2, '0');
      files[`sub-${sub}/eeg/sub-${sub}_task-rest_eeg.edf`] = edfBytes();
    }
    return files;
  };

  it('is reported once with the list of recordings it affects', async () => {
    const ds = await dataset(twelve());
    const missing = ds.findings.filter((f) => f.rule === 'EEG_JSON_FIELD_MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'error', file: 'task-rest_eeg.json', message: 'task-rest_eeg.json lacks the required field SoftwareFilters' });
    expect(missing[0]!.recordings).toEqual(ds.recordings.map((r) => r.path));
    expect(missing[0]!.recordings).toHaveLength(12);
    expect(missing[0]!.recording).toBe('sub-01/eeg/sub-01_task-rest_eeg.edf');
    expect(ds.recordings.every((r) => !r.usable)).toBe(true);
  });

  it('shows the affected recordings under the finding in the text report, once in the JSON', async () => {
    const root = join(scratchDir(), 'twelve-text');
    await writeTree(root, twelve());
    const report = (await inspectPath(root)) as DatasetReport;
    expect(report.summary).toMatchObject({ recordings: 12, usable: 0, errors: 1 });
    const text = formatInspectReport(report);
    expect(text).toMatch(/ERROR\s+task-rest_eeg\.json\s+EEG_JSON_FIELD_MISSING\s+task-rest_eeg\.json lacks the required field SoftwareFilters\n\s+affects 12 recordings:\n\s+sub-01\/eeg\/sub-01_task-rest_eeg\.edf\n/);
    expect(text).toContain('        sub-12/eeg/sub-12_task-rest_eeg.edf');
    expect(text.match(/EEG_JSON_FIELD_MISSING/g)).toHaveLength(1);
  });
});

describe('warnings from the readers', () => {
  it('a BrainVision marker at position 0 becomes a warning finding, and the recording stays usable', async () => {
    const files = twoSubjectDataset();
    delete files['sub-02/eeg/sub-02_task-rest_eeg.edf'];
    const root = join(scratchDir(), 'marker-zero');
    await writeTree(root, files);
    const stem = 'sub-02/eeg/sub-02_task-rest_eeg';
    const gen = join(fixturesDir, 'generated', 'bv_marker_zero');
    for (const ext of ['.eeg', '.vmrk', '.vhdr']) {
      const text = (await readFile(gen + ext, 'utf8')).replaceAll('bv_marker_zero', 'sub-02_task-rest_eeg');
      await writeTree(root, { [stem + ext]: ext === '.eeg' ? await readFile(gen + ext) : text });
    }
    await writeTree(root, {
      'sub-02/eeg/sub-02_task-rest_channels.tsv': channelsTsv(['Fp1', 'Cz'], {}, 500),
      'sub-02/eeg/sub-02_task-rest_eeg.json': { PowerLineFrequency: 50, SamplingFrequency: 500 },
    });
    const report = (await inspectPath(root)) as DatasetReport;
    const w = report.findings.find((f) => f.rule === 'BRAINVISION_MARKER_POSITION_ZERO');
    expect(w).toMatchObject({ severity: 'warning', file: `${stem}.vhdr`, recordings: [`${stem}.vhdr`] });
    expect(w!.message).toMatch(/Mk2, Mk4 are at position 0/);
    expect(report.recordings.find((r) => r.path === `${stem}.vhdr`)?.usable).toBe(true);
  });
});
