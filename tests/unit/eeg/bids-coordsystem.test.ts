/** coordsystem.json: required wherever electrodes.tsv is, found by inheritance, with its required fields. */
import { describe, expect, it } from 'vitest';
import { loadBidsDataset } from '../../../pipelines/eeg/bids';
import type { BidsDataset } from '../../../pipelines/eeg/bids';
import { COORDSYSTEM, generatedDatasets, twoSubjectDataset } from './support/bids-builder';
import { tinyBids } from './support/paths';

const { dataset } = generatedDatasets('neuroops-bids-coordsystem-');

const SUB02 = 'sub-02/eeg/sub-02_task-rest_eeg.edf';
const ELECTRODES = 'name\tx\ty\tz\nFp1\t-0.03\t0.1\t0.05\n';
const coordsystemOf = (ds: BidsDataset, rec: string) => ds.recordings.find((r) => r.path === rec)!.sidecarFiles.coordsystem;
const coordFindings = (ds: BidsDataset) => ds.findings.filter((f) => f.rule.startsWith('COORDSYSTEM_') || f.rule.startsWith('JSON_'));

describe('coordsystem.json', () => {
  it('a clean dataset has no coordsystem findings; the recording with electrodes names its coordsystem', async () => {
    const ds = await dataset(twoSubjectDataset());
    expect(ds.findings).toEqual([]);
    expect(coordsystemOf(ds, SUB02)).toBe('sub-02/eeg/sub-02_coordsystem.json');
    expect(coordsystemOf(ds, 'sub-01/ses-a/eeg/sub-01_ses-a_task-rest_eeg.edf')).toBeNull();
    // tiny_bids has electrodes with and without space-CapTrak; the nearest (with the space) pairs with its coordsystem.
    const tiny = await loadBidsDataset(tinyBids);
    expect(tiny.recordings[0]!.sidecarFiles).toMatchObject({
      electrodes: 'sub-01/ses-eeg/eeg/sub-01_ses-eeg_space-CapTrak_electrodes.tsv',
      coordsystem: 'sub-01/ses-eeg/eeg/sub-01_ses-eeg_space-CapTrak_coordsystem.json',
    });
  });

  it('is inherited from a folder higher up', async () => {
    const ds = await dataset({ ...twoSubjectDataset(), 'sub-02/sub-02_coordsystem.json': COORDSYSTEM }, ['sub-02/eeg/sub-02_coordsystem.json']);
    expect(ds.findings).toEqual([]);
    expect(coordsystemOf(ds, SUB02)).toBe('sub-02/sub-02_coordsystem.json');
  });

  it('electrodes.tsv without a coordsystem.json is a warning against the recording, which stays usable', async () => {
    const ds = await dataset(twoSubjectDataset(), ['sub-02/eeg/sub-02_coordsystem.json']);
    expect(coordFindings(ds)).toEqual([{
      file: 'sub-02/eeg/sub-02_coordsystem.json', rule: 'COORDSYSTEM_MISSING', severity: 'warning', recording: SUB02, recordings: [SUB02],
      message: expect.stringMatching(/^sub-02\/eeg\/sub-02_electrodes\.tsv applies to sub-02\/eeg\/sub-02_task-rest_eeg\.edf but no coordsystem\.json does \(expected sub-02\/eeg\/sub-02_coordsystem\.json\); .*electrode positions cannot be interpreted$/),
    }]);
    expect(ds.recordings.every((r) => r.usable)).toBe(true);
  });

  it('must carry the space of the electrodes file it describes', async () => {
    const files = { ...twoSubjectDataset(), 'sub-02/eeg/sub-02_space-CapTrak_electrodes.tsv': ELECTRODES };
    const drop = ['sub-02/eeg/sub-02_electrodes.tsv'];
    const unpaired = await dataset(files, drop);
    expect(coordFindings(unpaired).map((f) => [f.rule, f.file])).toEqual([['COORDSYSTEM_MISSING', 'sub-02/eeg/sub-02_space-CapTrak_coordsystem.json']]);
    expect(coordFindings(unpaired)[0]!.message).toMatch(/with space-CapTrak/);
    const paired = await dataset({ ...files, 'sub-02/eeg/sub-02_space-CapTrak_coordsystem.json': COORDSYSTEM }, drop);
    expect(paired.findings).toEqual([]);
    expect(coordsystemOf(paired, SUB02)).toBe('sub-02/eeg/sub-02_space-CapTrak_coordsystem.json');
  });

  it('faulty fields are errors against the file, reported once however many recordings it serves; recordings stay usable', async () => {
    // Top-level electrodes and coordsystem apply to all three recordings.
    const shared = { ...twoSubjectDataset(), 'electrodes.tsv': ELECTRODES };
    const drop = ['sub-02/eeg/sub-02_electrodes.tsv', 'sub-02/eeg/sub-02_coordsystem.json'];
    const cases: Array<[object | string, string[], RegExp]> = [
      [{ EEGCoordinateUnits: 'mm' }, ['COORDSYSTEM_FIELD_MISSING'], /lacks the required field EEGCoordinateSystem/],
      [{ EEGCoordinateSystem: 'CapTrak' }, ['COORDSYSTEM_FIELD_MISSING'], /lacks the required field EEGCoordinateUnits \(m, mm, cm, n\/a\)/],
      [{ EEGCoordinateSystem: 'CapTrak', EEGCoordinateUnits: 'millimeters' }, ['COORDSYSTEM_FIELD_INVALID'], /EEGCoordinateUnits must be one of m, mm, cm, n\/a, found "millimeters"/],
      [{ EEGCoordinateSystem: 4, EEGCoordinateUnits: 'm' }, ['COORDSYSTEM_FIELD_INVALID'], /EEGCoordinateSystem must be text/],
      [{ EEGCoordinateSystem: 'Other', EEGCoordinateUnits: 'n/a' }, ['COORDSYSTEM_FIELD_MISSING'], /"Other", so EEGCoordinateSystemDescription must describe/],
      ['{ "EEGCoordinateSystem": ', ['JSON_INVALID'], /coordsystem\.json is not valid JSON/],
    ];
    for (const [content, rules, message] of cases) {
      const ds = await dataset({ ...shared, 'coordsystem.json': content }, drop);
      const found = coordFindings(ds);
      expect(found.map((f) => [f.severity, f.rule, f.file, f.recording])).toEqual(rules.map((r) => ['error', r, 'coordsystem.json', undefined]));
      expect(found[0]!.message).toMatch(message);
      expect(ds.recordings.map((r) => [r.sidecarFiles.coordsystem, r.usable])).toEqual(Array(3).fill(['coordsystem.json', true]));
    }
    const other = await dataset({ ...shared, 'coordsystem.json': { EEGCoordinateSystem: 'Other', EEGCoordinateSystemDescription: 'RAS, origin between the ears', EEGCoordinateUnits: 'cm' } }, drop);
    expect(other.findings).toEqual([]);
  });
});
