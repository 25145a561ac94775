/** Typed arrays stored as base64 of little-endian float32/float64 in the reference fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function bytesOf(b64: string): ArrayBuffer {
  const buf = Buffer.from(b64, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

export function decodeF32(b64: string): Float32Array {
  return new Float32Array(bytesOf(b64));
}

export function decodeF64(b64: string): Float64Array {
  return new Float64Array(bytesOf(b64));
}

/** A row-major (rows × cols) float32 block as one Float32Array per row. */
export function rowsF32(b64: string, rows: number): Float32Array[] {
  const all = decodeF32(b64);
  const cols = all.length / rows;
  return Array.from({ length: rows }, (_, r) => all.slice(r * cols, (r + 1) * cols));
}

/** A JSON fixture under tests/fixtures/. */
export function readFixture<T>(relative: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', relative), 'utf8')) as T;
}
