/**
 * The logic behind a features run's detail page: reading the table and the quality
 * report, the band-power profile by group, and the topomap's projection (against
 * MNE's plot_topomap positions), interpolation and colours.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RECORDINGS, bandByChannel, bandProfile, parseFeatureTable, seriesOf } from '../../../renderer/pages/pipelines/features/feature-table';
import { parseQuality } from '../../../renderer/pages/pipelines/features/quality';
import { colourAt, interpolateGrid, levelPaths, projectToDisc, scaleOf, type Xyz } from '../../../renderer/pages/pipelines/features/topomap';
import montage from '../../../resources/montages/standard_1005.json';

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/features/topomap-coords.json'), 'utf8')) as { sphere: number[]; positions: Record<string, [number, number]> };

const CSV = [
  'participant_id,session,group,power_FP1_Delta,power_FP1_Alpha-1,power_O1_Delta,power_O1_Alpha-1,bad_channels,epochs_kept',
  'sub-01,,HC,0.6,0.4,0.2,0.8,"T7;T8",12',
  'sub-02,,HC,0.4,0.6,0.4,0.6,,12',
  'sub-03,,ACr,0.9,0.1,0.5,0.5,,11',
  'sub-04,,,0.5,0.5,0.5,0.5,,10',
].join('\n');

describe('the feature table as the page reads it', () => {
  const table = parseFeatureTable(`${CSV}\n`, ['Alpha-1', 'Delta', 'Gamma']);

  it('finds channels, bands in the spec order, groups and each cell', () => {
    expect(table.channels).toEqual(['FP1', 'O1']);
    expect(table.bands).toEqual(['Alpha-1', 'Delta']);
    expect(table.groups).toEqual(['HC', 'ACr']);
    expect(table.recordings.map((r) => [r.participant, r.group])).toEqual([['sub-01', 'HC'], ['sub-02', 'HC'], ['sub-03', 'ACr'], ['sub-04', null]]);
    expect(parseFeatureTable(CSV).bands).toEqual(['Delta', 'Alpha-1']);
  });

  it('compares the groups (and the recordings without one) band by band, per channel or over channels', () => {
    expect(seriesOf(table).map((s) => [s.name, s.count])).toEqual([['HC', 2], ['ACr', 1], ['No group', 1]]);
    expect(bandProfile(table, 'O1')).toEqual([
      { band: 'Alpha-1', HC: 0.7, ACr: 0.5, 'No group': 0.5 },
      { band: 'Delta', HC: expect.closeTo(0.3, 12), ACr: 0.5, 'No group': 0.5 },
    ]);
    // The channel mean of each recording, then the group's mean: HC Delta = mean((0.6+0.2)/2, (0.4+0.4)/2).
    expect(bandProfile(table, null)[1]).toEqual({ band: 'Delta', HC: expect.closeTo(0.4, 12), ACr: expect.closeTo(0.7, 12), 'No group': 0.5 });
  });

  it('has one series of every recording when the table has no group column', () => {
    const plain = parseFeatureTable('participant_id,power_CZ_Delta\nsub-01,0.25\nsub-02,0.75\n');
    expect(seriesOf(plain).map((s) => [s.name, s.count])).toEqual([[ALL_RECORDINGS, 2]]);
    expect(bandProfile(plain, null)).toEqual([{ band: 'Delta', [ALL_RECORDINGS]: 0.5 }]);
    expect(bandByChannel(plain, 'Delta', plain.recordings)).toEqual([{ channel: 'CZ', value: 0.5 }]);
  });
});

describe('the quality report', () => {
  it('gives each recording its counts, and the reason of those without a row', () => {
    const quality = parseQuality({
      recordings: [
        { path: 'a.edf', ok: true, badChannels: ['T7'], interpolatedChannels: ['O2', 'P8'], epochsTotal: 12, epochsKept: 10, epochsRejected: 2, secondsKept: 50 },
        { path: 'b.edf', ok: false, error: { code: 'RECORDING_TOO_SHORT', message: 'b.edf: 20 s of EEG' } },
        { path: 'c.edf', ok: true, badChannels: [], epochsTotal: 12, epochsKept: 12, epochsRejected: 0, secondsKept: 60 },
      ],
      errors: [
        { path: 'b.edf', code: 'RECORDING_TOO_SHORT', message: 'b.edf: 20 s of EEG' },
        { path: 'c.edf', code: 'MISSING_CHANNELS', message: 'c.edf: lacks O2' },
      ],
    });
    expect(quality.map((q) => [q.path, q.inTable, q.error?.code ?? null, q.epochsKept])).toEqual([
      ['a.edf', true, null, 10],
      ['b.edf', false, 'RECORDING_TOO_SHORT', null],
      ['c.edf', false, 'MISSING_CHANNELS', 12],
    ]);
    expect(quality[0]).toMatchObject({ badChannels: ['T7'], interpolatedChannels: ['O2', 'P8'] });
    expect(quality[2]!.interpolatedChannels).toEqual([]);
  });
});

describe('the topomap', () => {
  const electrodes = montage.electrodes as Record<string, number[]>;

  it("puts the electrodes where MNE 1.3's plot_topomap does (its default sphere, 0.095 m)", () => {
    expect(fixture.sphere).toEqual([0, 0, 0, 0.095]);
    for (const [name, [mx, my]] of Object.entries(fixture.positions)) {
      const p = projectToDisc(electrodes[name] as unknown as Xyz);
      // Our disc is in units of the head radius, and SVG's y grows downwards.
      expect(p.x * 0.095).toBeCloseTo(mx, 9);
      expect(-p.y * 0.095).toBeCloseTo(my, 9);
    }
  });

  it('interpolates inside the disc only, takes an electrode value on the electrode, and stays within the measured range', () => {
    const points = [
      { x: -0.5, y: 0, value: 1 },
      { x: 0.5, y: 0, value: 3 },
      { x: 0, y: 0.5, value: 2 },
    ];
    const { cells, step } = interpolateGrid(points, 20, 1);
    expect(step).toBeCloseTo(0.1, 12);
    expect(cells.length).toBeLessThan(400);
    expect(cells.every((c) => Math.hypot(c.x, c.y) <= 1)).toBe(true);
    expect(cells.every((c) => c.value >= 1 && c.value <= 3)).toBe(true);
    // Cell (col 4, row 9) is centred on (-0.55, -0.05); closest to the first electrode.
    const near = cells.find((c) => Math.abs(c.x + 0.55) < 1e-9 && Math.abs(c.y + 0.05) < 1e-9)!;
    expect(near.value).toBeLessThan(1.5);
    // A 10×10 grid over [-1, 1]² has a cell centred on (0.1, 0.1): an electrode there gives it its value.
    const grid = interpolateGrid([{ x: 0.1, y: 0.1, value: 7 }, { x: -0.5, y: -0.5, value: 1 }], 10, 1).cells;
    const onElectrode = grid.find((c) => Math.abs(c.x - 0.1) < 1e-9 && Math.abs(c.y - 0.1) < 1e-9)!;
    expect(onElectrode.value).toBe(7);
  });

  it('draws the grid as one path per colour level, each cell in exactly one', () => {
    const { cells, step } = interpolateGrid([{ x: -0.5, y: 0, value: 0 }, { x: 0.5, y: 0, value: 1 }], 16, 1);
    const paths = levelPaths(cells, step, scaleOf(0, 1), 8);
    expect(paths.length).toBeGreaterThan(4);
    expect(paths.length).toBeLessThanOrEqual(8);
    expect(paths.reduce((n, p) => n + p.d.split('M').length - 1, 0)).toBe(cells.length);
    expect(paths.at(0)).toMatchObject({ level: 0, colour: colourAt(0) });
    expect(paths.at(-1)).toMatchObject({ level: 7, colour: colourAt(1) });
  });

  it('colours on viridis from its first to its last stop', () => {
    expect(colourAt(0)).toBe('rgb(68, 1, 84)');
    expect(colourAt(1)).toBe('rgb(253, 231, 37)');
    expect(colourAt(2)).toBe('rgb(253, 231, 37)');
    expect(colourAt(Number.NaN)).toBe('rgb(68, 1, 84)');
    expect(scaleOf(2, 4)(3)).toBe(0.5);
    expect(scaleOf(2, 2)(2)).toBe(0.5);
  });
});
