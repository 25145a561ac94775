/** BrainVision on files written here: every binary format × orientation, encodings, markers, bad input. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecording, readHeader, readRecording } from '../../../pipelines/eeg/open';
import { writeBrainVision } from './support/brainvision-writer';
import type { Format, Orientation } from './support/brainvision-writer';
import { fixturesDir, scratch } from './support/paths';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());

const N = 600;
function rawFor(format: Format, c: number): number[] {
  return Array.from({ length: N }, (_, s) => {
    const v = Math.round(Math.sin((s + 1) * (c + 1) * 0.05) * 30000);
    return format === 'IEEE_FLOAT_32' ? v / 7 : format === 'INT_32' ? v * 1000 + c : v;
  });
}

const channels = [
  { name: 'Fp1', resolution: '0.1', unit: 'µV' },
  { name: 'C3,left', resolution: '0.5', unit: 'mV' },
  { name: 'GSR', resolution: '2', unit: 'µS' },
  { name: 'Oz', resolution: '', unit: '' },
];
const toOurs = [0.1, 0.5 * 1000, 2, 1];

describe.each([
  ['INT_16', 'MULTIPLEXED'], ['INT_16', 'VECTORIZED'],
  ['INT_32', 'MULTIPLEXED'], ['INT_32', 'VECTORIZED'],
  ['IEEE_FLOAT_32', 'MULTIPLEXED'], ['IEEE_FLOAT_32', 'VECTORIZED'],
] as Array<[Format, Orientation]>)('%s %s', (format, orientation) => {
  const base = `bv_${format}_${orientation}`;
  const raw = channels.map((_, c) => rawFor(format, c));

  it('reads every sample as raw × resolution, in µV for voltage channels', async () => {
    const rec = await readRecording(await writeBrainVision(dir, { base, format, orientation, channels, raw }));
    expect(rec.format).toBe('BrainVision');
    expect(rec.samplingRate).toBe(500);
    expect(rec.sampleCount).toBe(N);
    expect(rec.channels.map((c) => [c.name, c.unit, c.fileUnit])).toEqual([
      ['Fp1', 'µV', 'µV'], ['C3,left', 'µV', 'mV'], ['GSR', 'µS', 'µS'], ['Oz', 'µV', 'µV'],
    ]);
    rec.data.forEach((d, c) => {
      for (let s = 0; s < N; s++) {
        const want = Math.fround(raw[c]![s]!) * toOurs[c]!;
        expect(Math.abs(d[s]! - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -23);
      }
    });
  });

  it('reads a sample range and a channel subset without the rest', async () => {
    const path = await writeBrainVision(dir, { base, format, orientation, channels, raw });
    const full = await readRecording(path);
    const r = await openRecording(path);
    try {
      const part = await r.readSamples(123, 456, [3, 1]);
      expect(Array.from(part.data[0]!)).toEqual(Array.from(full.data[3]!.slice(123, 456)));
      expect(Array.from(part.data[1]!)).toEqual(Array.from(full.data[1]!.slice(123, 456)));
    } finally {
      await r.close();
    }
  });
});

describe('BrainVision text handling', () => {
  const raw = [[1, 2, 3, 4], [5, 6, 7, 8]];
  it('reads a vhdr with Windows line endings', async () => {
    const h = await readHeader(await writeBrainVision(dir, {
      base: 'crlf', format: 'INT_16', orientation: 'MULTIPLEXED', crlf: true, raw,
      channels: [{ name: 'Cz', resolution: '0.1' }, { name: 'Pz', resolution: '0.1' }],
    }));
    expect(h.channels.map((c) => c.name)).toEqual(['Cz', 'Pz']);
    expect(h.channels[0]!.details?.['resolution']).toBe(0.1);
    expect(h.startTime).toEqual({ iso: '2024-01-31T23:59:59.123456', subsecond: 0.123456 });
  });

  it.each(['ANSI', 'none'] as const)('reads a Latin-1 vhdr and vmrk (Codepage %s)', async (cp) => {
    const rec = await readRecording(await writeBrainVision(dir, {
      base: `latin1_${cp}`, format: 'INT_16', orientation: 'MULTIPLEXED', crlf: true, latin1: cp, raw,
      channels: [{ name: 'Fpé', resolution: '1', unit: 'µV' }, { name: 'Müller', resolution: '1', unit: 'mV' }],
      markers: ['Mk1=New Segment,,1,1,0,00000000000000000000', 'Mk2=Comment,Fenêtre ouverte,3,1,0'],
    }));
    expect(rec.channels.map((c) => [c.name, c.fileUnit])).toEqual([['Fpé', 'µV'], ['Müller', 'mV']]);
    expect(Array.from(rec.data[1]!)).toEqual([5000, 6000, 7000, 8000]);
    expect(rec.annotations.map((a) => a.text)).toEqual(['New Segment/', 'Comment/Fenêtre ouverte']);
    expect(rec.startTime).toBeNull();
  });

  it('resolves "$b" and Windows paths in DataFile/MarkerFile', async () => {
    const path = await writeBrainVision(dir, { base: 'placeholder', format: 'INT_16', orientation: 'MULTIPLEXED', raw, channels: [{ name: 'Cz' }, { name: 'Pz' }] });
    const { readFile: read, writeFile: write } = await import('node:fs/promises');
    const text = (await read(path, 'utf8')).replace('DataFile=placeholder.eeg', 'DataFile=$b.eeg').replace('MarkerFile=placeholder.vmrk', 'MarkerFile=C:\\Recordings\\placeholder.vmrk');
    await write(path, text);
    const rec = await readRecording(path);
    expect(rec.details).toMatchObject({ dataFile: 'placeholder.eeg', markerFile: 'placeholder.vmrk' });
    expect(Array.from(rec.data[1]!)).toEqual([5, 6, 7, 8]);
  });

  it('reads markers: 1-based positions, sizes, channel-bound markers', async () => {
    const h = await readHeader(await writeBrainVision(dir, {
      base: 'markers', format: 'INT_16', orientation: 'MULTIPLEXED', raw, samplingIntervalUs: 1000,
      channels: [{ name: 'Cz' }, { name: 'Pz' }],
      markers: ['Mk2=Stimulus,S  1,3,1,0', 'Mk1=New Segment,,1,1,0,20200101000000000000', 'Mk3=Bad Interval,Bad Min-Max,2,2,2'],
    }));
    expect(h.annotations).toEqual([
      { onset: 0, duration: 0.001, text: 'New Segment/' },
      { onset: 0.002, duration: 0.001, text: 'Stimulus/S  1' },
      { onset: 0.001, duration: 0.002, text: 'Bad Interval/Bad Min-Max', channels: ['Pz'] },
    ]);
    expect(h.startTime).toEqual({ iso: '2020-01-01T00:00:00', subsecond: 0 });
  });
});

describe('bad BrainVision input', () => {
  const raw = [[1, 2, 3, 4]];
  it('an unknown binary format names the file and the format', async () => {
    const path = await writeBrainVision(dir, { base: 'weird', format: 'INT_24', orientation: 'MULTIPLEXED', raw, channels: [{ name: 'Cz' }] });
    await expect(readHeader(path)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/weird\.vhdr: unknown BinaryFormat "INT_24"/) });
  });

  it('a .vhdr whose .eeg is missing', async () => {
    const path = await writeBrainVision(dir, { base: 'nodata', format: 'INT_16', orientation: 'MULTIPLEXED', raw, channels: [{ name: 'Cz' }], skipData: true });
    await expect(readHeader(path)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringMatching(/nodata\.vhdr refers to data file nodata\.eeg, which is missing/) });
  });

  it('a header that is not BrainVision, and a channel count without channels', async () => {
    const notBv = await writeBrainVision(dir, { base: 'notbv', format: 'INT_16', orientation: 'MULTIPLEXED', raw, channels: [{ name: 'Cz' }], headerLine: 'Some other text format' });
    await expect(readHeader(notBv)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('notbv.vhdr: not a BrainVision header') });
    const noCh = await writeBrainVision(dir, { base: 'noch', format: 'INT_16', orientation: 'MULTIPLEXED', raw: [[1], [2]], channels: [] });
    await expect(readHeader(noCh)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('noch.vhdr') });
  });
});

describe('a marker at position 0, as some recorders write it', () => {
  it('is read as MNE 1.3 reads it (clipped to onset 0, one sample shorter), with a warning', async () => {
    const fx = JSON.parse(await readFile(join(fixturesDir, 'bv_marker_zero.json'), 'utf8')) as {
      annotations: Array<{ onset: number; duration: number; description: string }>; warnings: string[];
    };
    const h = await readHeader(join(fixturesDir, 'generated', 'bv_marker_zero.vhdr'));
    expect(h.annotations.map((a) => a.text)).toEqual(fx.annotations.map((a) => a.description));
    h.annotations.forEach((a, i) => {
      expect(a.onset).toBeCloseTo(fx.annotations[i]!.onset, 9);
      expect(a.duration).toBeCloseTo(fx.annotations[i]!.duration, 9);
    });
    expect(fx.warnings[0]).toMatch(/Limited 2 annotation/);
    expect(h.warnings).toEqual([{ code: 'BRAINVISION_MARKER_POSITION_ZERO', message: expect.stringMatching(/bv_marker_zero\.vmrk: Mk2, Mk4 are at position 0/) }]);
  });
});

describe('inspect on a recording with a marker at position 0', () => {
  it('lists the reader warning in the report and its text', async () => {
    const { inspectPath, formatInspectReport } = await import('../../../pipelines/eeg');
    const report = await inspectPath(join(fixturesDir, 'generated', 'bv_marker_zero.vhdr'));
    expect(report).toMatchObject({ kind: 'recording', warnings: [{ code: 'BRAINVISION_MARKER_POSITION_ZERO' }] });
    expect(formatInspectReport(report)).toMatch(/Warnings \(1\):\n {2}BRAINVISION_MARKER_POSITION_ZERO: bv_marker_zero\.vmrk: Mk2, Mk4 are at position 0/);
  });
});
