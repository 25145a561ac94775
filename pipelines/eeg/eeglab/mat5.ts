/**
 * Level-5 MAT-file reader (MathWorks "MAT-File Format", v5/v6/v7).
 *
 * A file is a 128-byte header (text, subsystem offset, version, endian
 * indicator "IM" for little-endian) followed by data elements. Each element
 * has an 8-byte tag (type, byte count) — or a 4-byte "small element" tag when
 * the upper half of the first word is non-zero — and is padded to 8 bytes.
 * miCOMPRESSED elements hold a zlib stream of further elements (v7).
 * miMATRIX elements hold array flags, dimensions, name and the payload of
 * their class; structs and cells nest further miMATRIX elements.
 *
 * Only what EEGLAB writes is decoded: numeric, logical, char, struct, cell.
 * Sparse, object and opaque arrays are skipped as `unsupported`.
 */
import { inflateSync } from 'node:zlib';

export type MatValue = MatNumeric | MatChar | MatStruct | MatCell | MatUnsupported;

export interface MatNumeric {
  kind: 'numeric';
  dims: number[];
  /** Column-major values; integer classes come back as their JS typed array. */
  data: Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
  logical: boolean;
}
export interface MatChar {
  kind: 'char';
  dims: number[];
  /** One string per row of the char matrix (usually one). */
  rows: string[];
}
export interface MatStruct {
  kind: 'struct';
  dims: number[];
  fieldNames: string[];
  /** One record per element, column-major. */
  elements: Array<Record<string, MatValue>>;
}
export interface MatCell {
  kind: 'cell';
  dims: number[];
  items: MatValue[];
}
export interface MatUnsupported {
  kind: 'unsupported';
  dims: number[];
  className: number;
}

const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15, UTF8: 16, UTF16: 17, UTF32: 18 } as const;
const MX = { CELL: 1, STRUCT: 2, OBJECT: 3, CHAR: 4, SPARSE: 5, DOUBLE: 6, SINGLE: 7, INT8: 8, UINT8: 9, INT16: 10, UINT16: 11, INT32: 12, UINT32: 13, INT64: 14, UINT64: 15 } as const;

export class MatFormatError extends Error {}

/** True when the bytes start like a v7.3 (HDF5) MAT file rather than a level-5 one. */
export function isHdf5Mat(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  // v7.3 files have a 512-byte MATLAB text header, then the HDF5 superblock.
  return [0, 512].some((at) => bytes.length >= at + 8 && sig.every((b, i) => bytes[at + i] === b));
}

/** Parses all top-level variables of a level-5 MAT file. */
export function readMat5(bytes: Uint8Array): Map<string, MatValue> {
  if (bytes.length < 128) throw new MatFormatError('file is shorter than the 128-byte MAT header');
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (endian !== 'IM' && endian !== 'MI') {
    throw new MatFormatError('not a MATLAB 5 MAT-file (no endian indicator at byte 126)');
  }
  const r = new ElementReader(bytes, endian === 'IM');
  const vars = new Map<string, MatValue>();
  let pos = 128;
  while (pos + 8 <= bytes.length) {
    const { type, size, dataStart, next } = r.tag(pos);
    if (type === MI.COMPRESSED) {
      const inner = new ElementReader(inflateSync(bytes.subarray(dataStart, dataStart + size)), r.le);
      const t = inner.tag(0);
      if (t.type === MI.MATRIX) {
        const { name, value } = inner.matrix(t.dataStart, t.size);
        vars.set(name, value);
      }
    } else if (type === MI.MATRIX) {
      const { name, value } = r.matrix(dataStart, size);
      vars.set(name, value);
    }
    pos = next;
  }
  return vars;
}

class ElementReader {
  private readonly dv: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    readonly le: boolean,
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  tag(pos: number): { type: number; size: number; dataStart: number; next: number } {
    if (pos + 8 > this.bytes.length) throw new MatFormatError(`element tag at byte ${pos} runs past the end of the data`);
    const first = this.dv.getUint32(pos, this.le);
    if (first >>> 16 !== 0) {
      // Small data element: type and size share the first word, data the second.
      return { type: first & 0xffff, size: first >>> 16, dataStart: pos + 4, next: pos + 8 };
    }
    const size = this.dv.getUint32(pos + 4, this.le);
    const dataStart = pos + 8;
    if (dataStart + size > this.bytes.length) {
      throw new MatFormatError(`element at byte ${pos} declares ${size} bytes but only ${this.bytes.length - dataStart} remain (truncated file)`);
    }
    // Compressed elements are not padded; everything else is padded to 8 bytes.
    const next = first === MI.COMPRESSED ? dataStart + size : dataStart + Math.ceil(size / 8) * 8;
    return { type: first, size, dataStart, next };
  }

  /** Reads a sub-element and returns its values as a typed array of its stored type. */
  private numbers(pos: number): { values: ArrayLike<number> & { length: number }; type: number; next: number } {
    const { type, size, dataStart, next } = this.tag(pos);
    return { values: this.typed(type, dataStart, size), type, next };
  }

  private typed(type: number, start: number, size: number) {
    const width: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8, 16: 1, 17: 2, 18: 4 };
    const w = width[type];
    if (w === undefined) throw new MatFormatError(`unsupported data type ${type}`);
    const n = Math.floor(size / w);
    // Copy into an aligned buffer when the machine's byte order matches; else go through DataView.
    if (this.le) {
      // A fresh, aligned copy (Buffer#slice would share memory and keep the old offset).
      const copy = new Uint8Array(n * w);
      copy.set(this.bytes.subarray(start, start + n * w));
      switch (type) {
        case MI.INT8: return new Int8Array(copy.buffer);
        case MI.UINT8: case MI.UTF8: return copy;
        case MI.INT16: return new Int16Array(copy.buffer);
        case MI.UINT16: case MI.UTF16: return new Uint16Array(copy.buffer);
        case MI.INT32: return new Int32Array(copy.buffer);
        case MI.UINT32: case MI.UTF32: return new Uint32Array(copy.buffer);
        case MI.SINGLE: return new Float32Array(copy.buffer);
        case MI.DOUBLE: return new Float64Array(copy.buffer);
        case MI.INT64: return Float64Array.from(new BigInt64Array(copy.buffer), Number);
        case MI.UINT64: return Float64Array.from(new BigUint64Array(copy.buffer), Number);
      }
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = start + i * w;
      out[i] = type === MI.INT8 ? this.dv.getInt8(p) : type === MI.UINT8 || type === MI.UTF8 ? this.dv.getUint8(p)
        : type === MI.INT16 ? this.dv.getInt16(p, this.le) : type === MI.UINT16 || type === MI.UTF16 ? this.dv.getUint16(p, this.le)
        : type === MI.INT32 ? this.dv.getInt32(p, this.le) : type === MI.UINT32 || type === MI.UTF32 ? this.dv.getUint32(p, this.le)
        : type === MI.SINGLE ? this.dv.getFloat32(p, this.le) : type === MI.DOUBLE ? this.dv.getFloat64(p, this.le)
        : Number(type === MI.INT64 ? this.dv.getBigInt64(p, this.le) : this.dv.getBigUint64(p, this.le));
    }
    return out;
  }

  private text(pos: number): { text: string; next: number } {
    const { type, size, dataStart, next } = this.tag(pos);
    const raw = this.bytes.subarray(dataStart, dataStart + size);
    return { text: type === MI.UTF8 || type === MI.INT8 || type === MI.UINT8 ? new TextDecoder().decode(raw) : String.fromCharCode(...this.typed(type, dataStart, size)), next };
  }

  /** Parses the body of an miMATRIX element of `size` bytes starting at `start`. */
  matrix(start: number, size: number): { name: string; value: MatValue } {
    if (size === 0) return { name: '', value: { kind: 'numeric', dims: [0, 0], data: new Float64Array(0), logical: false } };
    const flags = this.numbers(start);
    const f0 = flags.values[0] ?? 0;
    const cls = f0 & 0xff;
    const logical = (f0 & 0x0200) !== 0;
    const dimsEl = this.numbers(flags.next);
    const dims = Array.from(dimsEl.values);
    const nameEl = this.text(dimsEl.next);
    const count = dims.reduce((a, b) => a * b, 1);
    let pos = nameEl.next;
    const name = nameEl.text;

    if (cls === MX.STRUCT || cls === MX.OBJECT) {
      if (cls === MX.OBJECT) pos = this.text(pos).next; // class name
      const lenEl = this.numbers(pos);
      const fieldLen = lenEl.values[0] ?? 0;
      const namesEl = this.tag(lenEl.next);
      const fieldNames: string[] = [];
      for (let i = 0; i < namesEl.size / Math.max(1, fieldLen); i++) {
        const raw = this.bytes.subarray(namesEl.dataStart + i * fieldLen, namesEl.dataStart + (i + 1) * fieldLen);
        const end = raw.indexOf(0);
        fieldNames.push(new TextDecoder().decode(end >= 0 ? raw.subarray(0, end) : raw));
      }
      pos = namesEl.next;
      const elements: Array<Record<string, MatValue>> = [];
      for (let e = 0; e < count; e++) {
        const rec: Record<string, MatValue> = {};
        for (const field of fieldNames) {
          const t = this.tag(pos);
          rec[field] = this.matrix(t.dataStart, t.size).value;
          pos = t.next;
        }
        elements.push(rec);
      }
      return { name, value: { kind: 'struct', dims, fieldNames, elements } };
    }
    if (cls === MX.CELL) {
      const items: MatValue[] = [];
      for (let e = 0; e < count; e++) {
        const t = this.tag(pos);
        items.push(this.matrix(t.dataStart, t.size).value);
        pos = t.next;
      }
      return { name, value: { kind: 'cell', dims, items } };
    }
    if (cls === MX.CHAR) {
      const codes = count === 0 ? [] : Array.from(this.charCodes(pos));
      const nRows = dims[0] ?? 0;
      const nCols = dims.slice(1).reduce((a, b) => a * b, 1);
      const rows: string[] = [];
      for (let r = 0; r < nRows; r++) {
        let s = '';
        for (let c = 0; c < nCols; c++) s += String.fromCharCode(codes[c * nRows + r] ?? 32);
        rows.push(s);
      }
      return { name, value: { kind: 'char', dims, rows } };
    }
    if (cls >= MX.DOUBLE && cls <= MX.UINT64) {
      const real = this.numbers(pos).values;
      return { name, value: { kind: 'numeric', dims, data: toClass(cls, real), logical } };
    }
    return { name, value: { kind: 'unsupported', dims, className: cls } };
  }

  /** Char data may be stored as UTF-8 bytes (decode) or as UTF-16 code units (take as is). */
  private charCodes(pos: number): ArrayLike<number> {
    const { type, size, dataStart } = this.tag(pos);
    if (type === MI.UTF8) {
      const s = new TextDecoder().decode(this.bytes.subarray(dataStart, dataStart + size));
      return Array.from(s, (ch) => ch.charCodeAt(0));
    }
    return this.typed(type, dataStart, size);
  }
}

/** MATLAB stores e.g. a double array as uint8 when values fit; restore the array's class. */
function toClass(cls: number, v: ArrayLike<number>): MatNumeric['data'] {
  switch (cls) {
    case MX.SINGLE: return v instanceof Float32Array ? v : Float32Array.from(v);
    case MX.INT8: return Int8Array.from(v);
    case MX.UINT8: return v instanceof Uint8Array ? v : Uint8Array.from(v);
    case MX.INT16: return Int16Array.from(v);
    case MX.UINT16: return Uint16Array.from(v);
    case MX.INT32: return Int32Array.from(v);
    case MX.UINT32: return Uint32Array.from(v);
    default: return v instanceof Float64Array ? v : Float64Array.from(v);
  }
}

// Accessors that turn MAT values into the plain numbers and strings EEGLAB code needs.

export function matString(v: MatValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'char') return v.rows.join('\n').trimEnd();
  if (v.kind === 'numeric' && v.data.length === 1) return String(v.data[0]);
  if (v.kind === 'cell' && v.items.length === 1) return matString(v.items[0]);
  return undefined;
}

export function matNumber(v: MatValue | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'numeric' && v.data.length >= 1) return Number(v.data[0]);
  if (v.kind === 'char') {
    const n = Number(v.rows.join('').trim());
    return v.rows.join('').trim() !== '' && Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
