/**
 * Spherical-spline interpolation of bad channels against MNE 1.3's
 * raw.interpolate_bads() on the same positions and signals (fixtures made by
 * scripts/fixtures/make-interpolation-fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { standardPosition } from '../../../pipelines/eeg/montage';
import type { Xyz } from '../../../pipelines/eeg/montage';
import { interpolateBadChannels } from '../../../pipelines/preprocess/bad-channels/interpolate';
import { fitHeadSphere } from '../../../pipelines/preprocess/bad-channels/sphere-fit';
import { interpolationMatrix } from '../../../pipelines/preprocess/bad-channels/spherical-spline';

interface Case {
  channels: string[];
  bads: string[];
  positions: string;
  origin: [number, number, number];
  matrix: string;
  nTimes: number;
  input: string;
  output: string;
}

const fixture: { mneStandard1005: { channels: string[]; positions: string }; cases: Record<string, Case> } = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/preprocess/interpolation-reference.json'), 'utf8'),
);

function decode(b64: string, type: 'f4' | 'f8'): Float64Array {
  const buf = Buffer.from(b64, 'base64');
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return Float64Array.from(type === 'f4' ? new Float32Array(bytes) : new Float64Array(bytes));
}

const xyzRows = (flat: Float64Array): Xyz[] => Array.from({ length: flat.length / 3 }, (_, i) => [flat[3 * i]!, flat[3 * i + 1]!, flat[3 * i + 2]!] as const);

function channelsOf(flat: Float64Array, nCh: number, nTimes: number): Float32Array[] {
  return Array.from({ length: nCh }, (_, c) => Float32Array.from(flat.subarray(c * nTimes, (c + 1) * nTimes)));
}

describe('the shipped standard 10-05 positions', () => {
  it('equal the head-frame positions MNE sets from standard_1005, to 0.1 µm', () => {
    const { channels, positions } = fixture.mneStandard1005;
    const mne = xyzRows(decode(positions, 'f8'));
    channels.forEach((name, i) => {
      const ours = standardPosition(name)!;
      for (let k = 0; k < 3; k++) expect(Math.abs(ours[k]! - mne[i]![k]!)).toBeLessThan(1e-7);
    });
  });
});

describe.each(Object.entries(fixture.cases))('interpolation of %s against MNE', (_name, c) => {
  const positions = xyzRows(decode(c.positions, 'f8'));
  const good = c.channels.flatMap((ch, i) => (c.bads.includes(ch) ? [] : [positions[i]!]));
  const bad = c.bads.map((b) => positions[c.channels.indexOf(b)]!);

  it('fits the head-sphere origin MNE fits (COBYLA stops within 1e-6 of the head size; we are within 1 µm)', () => {
    const { origin } = fitHeadSphere(positions);
    for (let k = 0; k < 3; k++) expect(Math.abs(origin[k]! - c.origin[k]!)).toBeLessThan(1e-6);
  });

  it('makes the same interpolation matrix from the same origin (1e-9)', () => {
    const ours = interpolationMatrix(good, bad, c.origin);
    const mne = decode(c.matrix, 'f8');
    ours.forEach((row, b) => row.forEach((w, g) => expect(Math.abs(w - mne[b * good.length + g]!)).toBeLessThan(1e-9)));
    // Each row is an interpolation: weights sum to one (the constant term of the spline).
    for (const row of ours) expect(Math.abs(row.reduce((a, w) => a + w, 0) - 1)).toBeLessThan(1e-9);
  });

  it('gives the bad channels the signals MNE gives them and leaves the good ones alone (1e-4 of the range)', () => {
    const nCh = c.channels.length;
    const input = decode(c.input, 'f4');
    const data = channelsOf(input, nCh, c.nTimes);
    const report = interpolateBadChannels(data, c.channels, positions, new Set(c.bads), 'fixture');
    expect(report.interpolated).toEqual(c.channels.filter((ch) => c.bads.includes(ch)));
    const expected = channelsOf(decode(c.output, 'f4'), nCh, c.nTimes);
    const range = Math.max(...input) - Math.min(...input);
    let worst = 0;
    data.forEach((x, ch) => x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[ch]![i]!)))));
    expect(worst).toBeLessThan(1e-4 * range);
    const untouched = c.channels.findIndex((ch) => !c.bads.includes(ch));
    expect(data[untouched]).toEqual(channelsOf(input, nCh, c.nTimes)[untouched]);
  });
});

describe('interpolateBadChannels errors', () => {
  const names = ['FP1', 'FP2', 'CZ', 'O1', 'EOG'];
  const positions = names.map((n) => standardPosition(n) ?? null);
  const data = () => names.map(() => new Float32Array(10));

  it('refuses a bad channel with no position, naming it and what to do', () => {
    expect(() => interpolateBadChannels(data(), names, positions, new Set(['EOG']), 'sub-01_eeg.edf')).toThrow(
      /sub-01_eeg\.edf: bad channel EOG cannot be interpolated: no position in electrodes\.tsv or among the standard 10-05 names/,
    );
  });

  it('refuses when fewer than 3 good channels are left', () => {
    expect(() => interpolateBadChannels(data(), names, positions, new Set(['FP1', 'FP2', 'CZ']), 'rec')).toThrow(/3 of 5 channels are bad and only 1 good ones have a position/);
  });

  it('does nothing without bad channels', () => {
    const d = data();
    d[0]![3] = 5;
    expect(interpolateBadChannels(d, names, positions, new Set(), 'rec').interpolated).toEqual([]);
    expect(d[0]![3]).toBe(5);
  });
});
