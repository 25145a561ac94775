/**
 * `neuroops inspect --data` streamed out as JSON, text, CSV and .npy: each
 * output is parsed back and compared with what the reader returns; and
 * annotation-heavy EDF+ files listed without overflowing anything.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { readRecording } from '../../../pipelines/eeg/open';
import { writeBrainVision } from './support/brainvision-writer';
import { ramp, writeEdf } from './support/edf-writer';
import type { TalSpec } from './support/edf-writer';
import { scratch } from './support/paths';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());

/** Runs the CLI, collecting standard output as bytes through the backpressure-aware writer. */
async function cli(...argv: string[]) {
  const chunks: Uint8Array[] = [];
  let stderr = '';
  const code = await runCli(argv, commands, {
    stdout: (t) => void chunks.push(Buffer.from(t)),
    stderr: (t) => void (stderr += t),
    write: async (c) => void chunks.push(c),
  });
  const bytes = Buffer.concat(chunks);
  return { code, bytes, stdout: bytes.toString('utf8'), stderr };
}

const CHANNELS = ['Fp1', 'Fp2', 'Cz', 'O1'];

async function edf(name: string, records = 30, rate = 250): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, writeEdf({
    records, recordDuration: 1,
    signals: CHANNELS.map((label, i) => ({
      label, unit: 'uV', physicalMin: -3276.8, physicalMax: 3276.7, digitalMin: -32768, digitalMax: 32767,
      samplesPerRecord: rate, digital: ramp(rate * records, -32768, 32767, i + 3),
    })),
  }));
  return path;
}

/** A BrainVision float file with NaN and infinities among its samples. */
async function withNonFinite(): Promise<string> {
  const raw = [0, 1].map((c) => Array.from({ length: 50 }, (_, s) => (s + 1) * (c + 1) / 7));
  raw[0]![3] = NaN;
  raw[1]![4] = Infinity;
  raw[1]![5] = -Infinity;
  return writeBrainVision(dir, { base: 'nonfinite', format: 'IEEE_FLOAT_32', orientation: 'MULTIPLEXED', raw, channels: [{ name: 'A' }, { name: 'B, "quoted"' }] });
}

/** numpy's .npy format 1.0: magic, version, header length, a Python dict literal, then the array. */
function parseNpy(b: Buffer): { descr: string; fortran: string; shape: number[]; dataOffset: number; data: Float32Array } {
  expect(b.subarray(0, 6)).toEqual(Buffer.from([0x93, ...Buffer.from('NUMPY')]));
  expect([b[6], b[7]]).toEqual([1, 0]);
  const headerLength = b.readUInt16LE(8);
  const dict = b.subarray(10, 10 + headerLength).toString('latin1');
  expect(dict.endsWith('\n')).toBe(true);
  const m = /^\{'descr': '([<>|]\w+)', 'fortran_order': (True|False), 'shape': \((\d+), (\d+)\), \} *\n$/.exec(dict);
  expect(m).not.toBeNull();
  const dataOffset = 10 + headerLength;
  const copy = new Uint8Array(b.subarray(dataOffset));
  return { descr: m![1]!, fortran: m![2]!, shape: [Number(m![3]), Number(m![4])], dataOffset, data: new Float32Array(copy.buffer) };
}

describe('inspect --data, streamed', () => {
  it('JSON: every channel, values that read back to the reader\'s Float32 samples exactly', async () => {
    const path = await edf('full.edf');
    const rec = await readRecording(path);
    const n = rec.sampleCount;
    const { code, stdout } = await cli('inspect', path, '--json', '--data', `0:${n}`);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ kind: 'recording', format: 'EDF+', sampleCount: n, data: { start: 0, end: n } });
    expect(report.data.channels.map((c: { name: string }) => c.name)).toEqual(CHANNELS);
    report.data.channels.forEach((c: { values: number[]; firstSample: number; unit: string }, i: number) => {
      expect([c.firstSample, c.unit, c.values.length]).toEqual([0, 'µV', n]);
      expect(Float32Array.from(c.values)).toEqual(rec.data[i]);
    });
    // The shortest text that reads back, as numpy prints float32: one decimal here.
    expect(stdout).not.toMatch(/\d\.\d{9}/);
    // Compact: one line per channel.
    expect(stdout.split('\n').filter((l) => l.includes('"values":[')).length).toBe(CHANNELS.length);
  });

  it('JSON and text: values that are not finite are null and NaN, as before', async () => {
    const path = await withNonFinite();
    const rec = await readRecording(path);
    const json = JSON.parse((await cli('inspect', path, '--json', '--data', '0:8')).stdout);
    expect(json.data.channels[0].values[3]).toBeNull();
    expect(json.data.channels[1].values.slice(3, 7)).toEqual([rec.data[1]![3], null, null, rec.data[1]![6]].map((v) => (v === null ? null : expect.closeTo(v!, 5))));
    const text = (await cli('inspect', path, '--data', '0:8')).stdout;
    expect(text).toMatch(/Data, samples 0:8 \(physical values; µV for voltage channels\):\n {2}A \[µV\] from sample 0: 0\.142857\d* 0\.285714\d* 0\.428571\d* NaN 0\.714285\d*/);
    expect(text).toMatch(/B, "quoted" \[µV\] from sample 0: (\S+ ){4}NaN NaN \S+ \S+\n/);
  });

  it('npy: a float32 array of shape (channels, samples) equal to the reader\'s data', async () => {
    const path = await edf('npy.edf', 7);
    const rec = await readRecording(path);
    const { code, bytes } = await cli('inspect', path, '--data', '100:1700', '--format', 'npy');
    expect(code).toBe(0);
    const npy = parseNpy(bytes);
    expect([npy.descr, npy.fortran, npy.shape]).toEqual(['<f4', 'False', [CHANNELS.length, 1600]]);
    expect(npy.dataOffset % 64).toBe(0);
    expect(npy.data.length).toBe(CHANNELS.length * 1600);
    rec.data.forEach((d, c) => expect(npy.data.subarray(c * 1600, (c + 1) * 1600)).toEqual(d.subarray(100, 1700)));
  });

  it('npy keeps NaN and infinities as they are', async () => {
    const path = await withNonFinite();
    const npy = parseNpy((await cli('inspect', path, '--data', '0:50', '--format', 'npy')).bytes);
    expect(npy.shape).toEqual([2, 50]);
    expect([npy.data[3], npy.data[50 + 4], npy.data[50 + 5]]).toEqual([NaN, Infinity, -Infinity]);
  });

  it('csv: a header of channel names and one row per sample, equal to the reader\'s data', async () => {
    const path = await edf('csv.edf', 3);
    const rec = await readRecording(path);
    const { code, stdout } = await cli('inspect', path, '--data', '10:510', '--format', 'csv');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(['sample', ...CHANNELS].join(','));
    expect(lines).toHaveLength(501);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(Number(cells[0])).toBe(10 + i);
      cells.slice(1).forEach((cell, c) => expect(Math.fround(Number(cell))).toBe(rec.data[c]![10 + i]));
    });
    const nonFinite = (await cli('inspect', await withNonFinite(), '--data', '3:6', '--format', 'csv')).stdout.split('\n');
    expect(nonFinite[0]).toBe('sample,A,"B, ""quoted"""');
    expect(nonFinite.slice(1, 4).map((l) => l.split(',').slice(1))).toEqual([['NaN', expect.any(String)], [expect.any(String), 'inf'], [expect.any(String), '-inf']]);
  });

  it('refuses csv and npy without --data, for channels at several rates, and with --json', async () => {
    const path = await edf('refuse.edf', 2);
    const noRange = await cli('inspect', path, '--format', 'npy');
    expect([noRange.code, noRange.stderr]).toEqual([1, expect.stringMatching(/--format npy writes samples: add --data START:END.*\[INVALID_ARGUMENT\]/)]);
    const both = await cli('inspect', path, '--json', '--format', 'csv', '--data', '0:2');
    expect([both.code, both.stderr]).toEqual([1, expect.stringContaining('--json and --format csv disagree')]);
    const mixed = join(dir, 'mixed.edf');
    await writeFile(mixed, writeEdf({
      records: 2, recordDuration: 1,
      signals: [
        { label: 'Cz', physicalMin: -100, physicalMax: 100, digitalMin: -32768, digitalMax: 32767, samplesPerRecord: 8, digital: ramp(16, -32768, 32767) },
        { label: 'Temp', unit: 'degC', physicalMin: 0, physicalMax: 50, digitalMin: -32768, digitalMax: 32767, samplesPerRecord: 1, digital: ramp(2, -32768, 32767) },
      ],
    }));
    const table = await cli('inspect', mixed, '--data', '0:16', '--format', 'csv');
    expect(table.stderr).toMatch(/sampled at 8, 1 Hz; use --format json.*\[INVALID_ARGUMENT\]/);
    const json = JSON.parse((await cli('inspect', mixed, '--format', 'json', '--data', '0:16')).stdout);
    expect(json.data.channels.map((c: { values: number[] }) => c.values.length)).toEqual([16, 2]);
  });
});

describe('annotation-heavy EDF+', () => {
  /** 130,000 annotations: 1000 records of 130 TALs, some with two texts. */
  async function manyAnnotations(): Promise<string> {
    const records = 1000;
    const perRecord: TalSpec[][] = Array.from({ length: records }, (_, r) =>
      Array.from({ length: 130 }, (_, k) => ({ onset: r + k / 200, ...(k % 3 ? {} : { duration: 0.5 }), texts: [`S${k % 7}`] })));
    const path = join(dir, 'many.edf');
    await writeFile(path, writeEdf({
      records, recordDuration: 1, annotations: [perRecord], annotationBytes: 3200,
      signals: [{ label: 'Cz', physicalMin: -100, physicalMax: 100, digitalMin: -32768, digitalMax: 32767, samplesPerRecord: 2, digital: ramp(2 * records, -32768, 32767) }],
    }));
    return path;
  }

  it('lists the first 20 in text, says how many more, and lists all with --annotations all or --json', async () => {
    const path = await manyAnnotations();
    const text = await cli('inspect', path);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Annotations (130000):');
    expect(text.stdout).toMatch(/ {2}0\.0950 +0 +S5\n {2}… and 129980 more; use --json, or --annotations all to list them here\n/);
    const five = await cli('inspect', path, '--annotations', '5');
    expect(five.stdout).toContain('… and 129995 more');
    const all = await cli('inspect', path, '--annotations', 'all');
    expect(all.stderr).toBe('');
    expect(all.stdout).toMatch(/ {2}999\.6450 +0\.5000 +S3\n$/);
    expect(all.stdout).not.toContain('more; use --json');
    const json = JSON.parse((await cli('inspect', path, '--json')).stdout);
    expect(json.annotations).toHaveLength(130000);
    expect(json.annotations[0]).toEqual({ onset: 0, duration: 0.5, text: 'S0' });
    expect(json.annotations[129999]).toEqual({ onset: 999.645, duration: 0.5, text: 'S3' });
    const bad = await cli('inspect', path, '--annotations', 'some');
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('--annotations takes a whole number or "all"')]);
  });

  it('JSON keeps long and unusual texts whole, in onset order', async () => {
    const long = `Kommentar: ${'é"\\'.repeat(100)} 终`;
    const path = join(dir, 'texts.edf');
    await writeFile(path, writeEdf({
      records: 2, recordDuration: 1, annotationBytes: 1200,
      annotations: [[[{ onset: 0.75, texts: [long] }], [{ onset: 0.25, duration: 1.5, texts: ['early', 'twice'] }]]],
      signals: [{ label: 'Cz', physicalMin: -100, physicalMax: 100, digitalMin: -32768, digitalMax: 32767, samplesPerRecord: 2, digital: ramp(4, -32768, 32767) }],
    }));
    const json = JSON.parse((await cli('inspect', path, '--json')).stdout);
    expect(json.annotations).toEqual([
      { onset: 0.25, duration: 1.5, text: 'early' },
      { onset: 0.25, duration: 1.5, text: 'twice' },
      { onset: 0.75, duration: 0, text: long },
    ]);
  });
});
