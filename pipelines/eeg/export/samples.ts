/**
 * Writing a sample range of a recording out, as JSON, text, CSV or NumPy
 * .npy, without holding it whole: channel-major formats read a group of
 * channels at a time, CSV a block of samples at a time, and every byte goes
 * through a TextWriter to a sink with backpressure. Memory stays bounded by
 * the group size whatever the range.
 */
import { PipelineError } from '../../errors';
import type { RecordingReader } from '../types';
import type { TextWriter } from './text-writer';

export type SampleFormat = 'json' | 'text' | 'csv' | 'npy';

/** Float32 bytes read per group of channels, or per block of CSV rows. */
const GROUP_BYTES = 8 * 1024 * 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const COMMA = 0x2c;
const SPACE = 0x20;

/** Every channel over [start, end), read a group of channels at a time (GROUP_BYTES of Float32 each). */
async function* channelGroups(reader: RecordingReader, start: number, end: number): AsyncGenerator<{ first: number; data: Float32Array[]; firstSample: number[] }> {
  const n = reader.header.channels.length;
  const perGroup = Math.max(1, Math.floor(GROUP_BYTES / (4 * Math.max(1, end - start))));
  for (let c0 = 0; c0 < n; c0 += perGroup) {
    const picks = Array.from({ length: Math.min(perGroup, n - c0) }, (_, k) => c0 + k);
    const { data, firstSample } = await reader.readSamples(start, end, picks);
    yield { first: c0, data, firstSample };
  }
}

/** Values separated by `sep`; non-finite ones spelled by `nonFinite`. */
async function writeValues(w: TextWriter, values: Float32Array, sep: number, nonFinite: (v: number) => string): Promise<void> {
  for (let i = 0; i < values.length; i++) {
    if (w.full) await w.flush();
    if (i > 0) w.byte(sep);
    const v = values[i]!;
    if (v - v === 0) w.float32(v);
    else w.ascii(nonFinite(v));
  }
}

const jsonNonFinite = () => 'null';
const textNonFinite = () => 'NaN';
const csvNonFinite = (v: number) => (Number.isNaN(v) ? 'NaN' : v > 0 ? 'inf' : '-inf');

/**
 * The `"channels": [...]` members of inspect's `data` object, one compact
 * line per channel: {"name", "unit", "firstSample", "values"} with null for
 * values that are not finite.
 */
export async function writeJsonChannels(reader: RecordingReader, start: number, end: number, w: TextWriter, indent: string): Promise<void> {
  const channels = reader.header.channels;
  for await (const g of channelGroups(reader, start, end)) {
    for (let k = 0; k < g.data.length; k++) {
      const c = channels[g.first + k]!;
      const last = g.first + k === channels.length - 1;
      await w.text(`${indent}{"name":${JSON.stringify(c.name)},"unit":${JSON.stringify(c.unit)},"firstSample":${g.firstSample[k]},"values":[`);
      await writeValues(w, g.data[k]!, COMMA, jsonNonFinite);
      await w.text(last ? ']}\n' : ']},\n');
    }
  }
}

/** One line per channel: `  name [unit] from sample N: v v v …` (NaN for values that are not finite). */
export async function writeTextChannels(reader: RecordingReader, start: number, end: number, w: TextWriter): Promise<void> {
  const channels = reader.header.channels;
  for await (const g of channelGroups(reader, start, end)) {
    for (let k = 0; k < g.data.length; k++) {
      const c = channels[g.first + k]!;
      await w.text(`  ${c.name} [${c.unit || '-'}] from sample ${g.firstSample[k]}: `);
      await writeValues(w, g.data[k]!, SPACE, textNonFinite);
      await w.text('\n');
    }
  }
}

/** CSV and .npy are tables: every channel must cover the range with the same number of samples. */
function requireOneRate(reader: RecordingReader, format: string): void {
  const rates = [...new Set(reader.header.channels.map((c) => c.samplingRate))];
  if (rates.length > 1) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `${reader.header.path}: --format ${format} writes one table, but the channels are sampled at ${rates.join(', ')} Hz; ` +
        'use --format json (one array per channel, each at its own rate)',
    );
  }
}

/**
 * NumPy .npy (format 1.0): a float32 array of shape (channels, samples),
 * C order, values in µV for voltage channels; readable with numpy.load.
 */
export async function writeNpy(reader: RecordingReader, start: number, end: number, w: TextWriter): Promise<void> {
  requireOneRate(reader, 'npy');
  const shape = `(${reader.header.channels.length}, ${end - start})`;
  const dict = `{'descr': '${LITTLE_ENDIAN ? '<' : '>'}f4', 'fortran_order': False, 'shape': ${shape}, }`;
  // Magic (6) + version (2) + length (2) + dict, padded with spaces and ended by \n to a multiple of 64.
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = new Uint8Array(total);
  header.set([0x93, ...Buffer.from('NUMPY', 'latin1'), 1, 0]);
  new DataView(header.buffer).setUint16(8, total - 10, true);
  header.set(Buffer.from(dict.padEnd(total - 11, ' ') + '\n', 'latin1'), 10);
  await w.bytes(header);
  for await (const g of channelGroups(reader, start, end)) {
    for (const d of g.data) await w.bytes(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  }
}

/** CSV: a header `sample,<channel names>`, then one row per sample (NaN, inf, -inf for values that are not finite). */
export async function writeCsv(reader: RecordingReader, start: number, end: number, w: TextWriter): Promise<void> {
  requireOneRate(reader, 'csv');
  const channels = reader.header.channels;
  await w.text(['sample', ...channels.map((c) => csvCell(c.name))].join(',') + '\n');
  const perBlock = Math.max(1, Math.floor(GROUP_BYTES / (4 * channels.length)));
  for (let s0 = start; s0 < end; s0 += perBlock) {
    const s1 = Math.min(end, s0 + perBlock);
    const { data } = await reader.readSamples(s0, s1);
    for (let i = 0; i < s1 - s0; i++) {
      if (w.full) await w.flush();
      w.ascii(String(s0 + i));
      for (const values of data) {
        if (w.full) await w.flush();
        w.byte(COMMA);
        const v = values[i]!;
        if (v - v === 0) w.float32(v);
        else w.ascii(csvNonFinite(v));
      }
      w.byte(0x0a);
    }
  }
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
