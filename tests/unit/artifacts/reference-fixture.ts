/** Reading the artifact-removal fixtures (base64 little-endian float64 arrays). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures/artifacts', name), 'utf8')) as T;
}

export function f64(b64: string): Float64Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
