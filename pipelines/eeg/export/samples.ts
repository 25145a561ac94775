/**
 * Writing a sample range of a recording out, as JSON, text, CSV or NumPy
 * .npy, without holding it whole: channel-major formats read a group of
 * channels at a time, CSV a block of samples at a time, and every byte goes
 * through a TextWriter to a sink with backpressure. Memory stays bounded by
 * the group size whatever the range.
 */
import { csvCell } from '../../csv-cell';
import { PipelineError } from '../../errors';
import type { RecordingReader } from '../types';
import type { TextWriter } from './text-writer';
import { FormatPool, formatOn } from './format-pool';
import type { NonFiniteStyle, TextJob } from './value-text';

export type SampleFormat = 'json' | 'text' | 'csv' | 'npy';

/** Float32 bytes read per group of channels, or per block of CSV rows. */
const GROUP_BYTES = 8 * 1024 * 1024;
/**
 * Float32 bytes per block of CSV rows: smaller, because every block is copied again into
 * the jobs that go to the formatting workers while the next block is read.
 */
const CSV_BLOCK_BYTES = 2 * 1024 * 1024;
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

/** Values formatted per job at most: a few MB of text, enough to keep a worker busy. */
const JOB_VALUES = 1 << 16;
/** Below this many values the text is made on this thread: starting workers would cost more. */
const POOL_MIN_VALUES = 1 << 20;

/** Literal text, or samples still to be formatted. */
type Piece = string | TextJob;

/**
 * Writes the pieces in order. Jobs are formatted on worker threads when the
 * export is large, a few per worker ahead of the one being written, so that
 * reading, formatting and writing overlap and memory stays bounded.
 */
async function writePieces(pieces: AsyncIterable<Piece>, totalValues: number, w: TextWriter): Promise<void> {
  const pool = totalValues >= POOL_MIN_VALUES ? FormatPool.forMachine() : null;
  const ahead = pool ? 2 * pool.size : 1;
  const pending: Array<string | Promise<Uint8Array>> = [];
  let jobs = 0;
  const writeFirst = async () => {
    const first = pending.shift()!;
    if (typeof first === 'string') return w.text(first);
    jobs--;
    await w.bytes(await first);
  };
  try {
    for await (const piece of pieces) {
      if (typeof piece === 'string') {
        pending.push(piece);
        continue;
      }
      const text = formatOn(pool, piece);
      // Awaited in order below; a failure meanwhile must not count as unhandled.
      text.catch(() => {});
      pending.push(text);
      jobs++;
      while (jobs > ahead) await writeFirst();
    }
    while (pending.length > 0) await writeFirst();
  } finally {
    await pool?.close();
  }
}

/** One channel's values as list jobs of JOB_VALUES each (own copies, so they can move to a worker). */
function* listJobs(values: Float32Array, sep: number, nonFinite: NonFiniteStyle): Generator<TextJob> {
  for (let a = 0; a < values.length; a += JOB_VALUES) {
    yield { kind: 'list', values: values.slice(a, a + JOB_VALUES), sep, nonFinite, continues: a > 0 };
  }
}

/**
 * The `"channels": [...]` members of inspect's `data` object, one compact
 * line per channel: {"name", "unit", "firstSample", "values"} with null for
 * values that are not finite.
 */
export async function writeJsonChannels(reader: RecordingReader, start: number, end: number, w: TextWriter, indent: string): Promise<void> {
  const channels = reader.header.channels;
  async function* pieces(): AsyncGenerator<Piece> {
    for await (const g of channelGroups(reader, start, end)) {
      for (let k = 0; k < g.data.length; k++) {
        const c = channels[g.first + k]!;
        const last = g.first + k === channels.length - 1;
        yield `${indent}{"name":${JSON.stringify(c.name)},"unit":${JSON.stringify(c.unit)},"firstSample":${g.firstSample[k]},"values":[`;
        yield* listJobs(g.data[k]!, COMMA, 'json');
        yield last ? ']}\n' : ']},\n';
      }
    }
  }
  await writePieces(pieces(), channels.length * (end - start), w);
}

/** One line per channel: `  name [unit] from sample N: v v v …` (NaN for values that are not finite). */
export async function writeTextChannels(reader: RecordingReader, start: number, end: number, w: TextWriter): Promise<void> {
  const channels = reader.header.channels;
  async function* pieces(): AsyncGenerator<Piece> {
    for await (const g of channelGroups(reader, start, end)) {
      for (let k = 0; k < g.data.length; k++) {
        const c = channels[g.first + k]!;
        yield `  ${c.name} [${c.unit || '-'}] from sample ${g.firstSample[k]}: `;
        yield* listJobs(g.data[k]!, SPACE, 'text');
        yield '\n';
      }
    }
  }
  await writePieces(pieces(), channels.length * (end - start), w);
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
  const perBlock = Math.max(1, Math.floor(CSV_BLOCK_BYTES / (4 * channels.length)));
  const perJob = Math.max(1, Math.floor(JOB_VALUES / channels.length));
  async function* pieces(): AsyncGenerator<Piece> {
    yield ['sample', ...channels.map((c) => csvCell(c.name))].join(',') + '\n';
    for (let s0 = start; s0 < end; s0 += perBlock) {
      const s1 = Math.min(end, s0 + perBlock);
      const { data } = await reader.readSamples(s0, s1);
      for (let i0 = 0; i0 < s1 - s0; i0 += perJob) {
        const i1 = Math.min(s1 - s0, i0 + perJob);
        yield { kind: 'rows', columns: data.map((d) => d.slice(i0, i1)), firstIndex: s0 + i0 };
      }
    }
  }
  await writePieces(pieces(), channels.length * (end - start), w);
}
