/**
 * Samples as text, a block at a time: the work that a sample export spends
 * its time on, in a form a worker thread can do (plain data in, bytes out).
 */
import { writeAscii, writeFloat32 } from './float-text';

/** How values that are not finite are spelled: JSON has null, text NaN, CSV NaN/inf/-inf. */
export type NonFiniteStyle = 'json' | 'text' | 'csv';

/** Values separated by one byte (`sep`), e.g. one channel's run of samples. */
export interface ListJob {
  kind: 'list';
  values: Float32Array;
  sep: number;
  nonFinite: NonFiniteStyle;
  /** Prepend `sep` to the first value: the block continues a list. */
  continues: boolean;
}

/** CSV rows `index,v1,v2,…\n`, one per sample, columns being channels. */
export interface RowsJob {
  kind: 'rows';
  columns: Float32Array[];
  firstIndex: number;
}

export type TextJob = ListJob | RowsJob;

/** Bytes one value can take: a 15-character Float32 ("-1.17549435e-38") and a separator, with room to spare. */
const MAX_VALUE_BYTES = 24;
/** Bytes per value to start with: EEG samples in µV mostly take 7 to 10 with their separator. */
const TYPICAL_VALUE_BYTES = 12;

/** An output buffer that grows when a value might not fit. */
class Output {
  bytes: Uint8Array;
  pos = 0;
  constructor(expectedValues: number) {
    this.bytes = new Uint8Array(expectedValues * TYPICAL_VALUE_BYTES + 64);
  }
  /** Makes room for `values` more values (and a row number) before writing them. */
  reserve(values: number): void {
    const need = this.pos + values * MAX_VALUE_BYTES + 32;
    if (need <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(need, Math.ceil(this.bytes.length * 1.5)));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }
  done(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }
}
const COMMA = 0x2c;
const NEWLINE = 0x0a;

function spell(v: number, style: NonFiniteStyle): string {
  if (style === 'json') return 'null';
  if (style === 'text' || Number.isNaN(v)) return 'NaN';
  return v > 0 ? 'inf' : '-inf';
}

function writeValue(v: number, style: NonFiniteStyle, out: Uint8Array, pos: number): number {
  return v - v === 0 ? writeFloat32(v, out, pos) : writeAscii(spell(v, style), out, pos);
}

/** The text of a job, as bytes. */
export function formatJob(job: TextJob): Uint8Array {
  return job.kind === 'list' ? formatList(job) : formatRows(job);
}

function formatList({ values, sep, nonFinite, continues }: ListJob): Uint8Array {
  const out = new Output(values.length);
  for (let i = 0; i < values.length; i++) {
    out.reserve(1);
    const bytes = out.bytes;
    if (i > 0 || continues) bytes[out.pos++] = sep;
    out.pos = writeValue(values[i]!, nonFinite, bytes, out.pos);
  }
  return out.done();
}

function formatRows({ columns, firstIndex }: RowsJob): Uint8Array {
  const rows = columns[0]?.length ?? 0;
  const out = new Output(rows * (columns.length + 1));
  for (let i = 0; i < rows; i++) {
    out.reserve(columns.length + 1);
    const bytes = out.bytes;
    let pos = writeAscii(String(firstIndex + i), bytes, out.pos);
    for (let c = 0; c < columns.length; c++) {
      bytes[pos++] = COMMA;
      pos = writeValue(columns[c]![i]!, 'csv', bytes, pos);
    }
    bytes[pos++] = NEWLINE;
    out.pos = pos;
  }
  return out.done();
}

/** The buffers a job's result and inputs occupy, to hand them over to another thread instead of copying. */
export function jobBuffers(job: TextJob): ArrayBuffer[] {
  const arrays = job.kind === 'list' ? [job.values] : job.columns;
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
