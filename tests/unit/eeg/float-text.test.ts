/** Shortest Float32 text: every value reads back exactly, and no shorter text would. */
import { describe, expect, it } from 'vitest';
import { writeFloat32 } from '../../../pipelines/eeg/export/float-text';

const buf = new Uint8Array(64);
const text = (v: number) => Buffer.from(buf.subarray(0, writeFloat32(v, buf, 0))).toString('latin1');
const significant = (s: string) => s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;

describe('writeFloat32', () => {
  it('writes what a person would, for values people type', () => {
    const cases: Array<[number, string]> = [
      [12.3, '12.3'], [0.1, '0.1'], [-0.000123, '-0.000123'], [100, '100'], [0, '0'], [-0, '0'], [-7, '-7'],
      [0.5, '0.5'], [2.5e-5, '0.000025'], [3e-7, '0.0000003'], [1e-8, '1e-8'], [65504.5, '65504.5'], [1234567.9, '1234567.9'],
      [123456789, '123456790'], [16777217, '16777216'],
    ];
    for (const [v, s] of cases) expect(text(Math.fround(v))).toBe(s);
  });

  it('reads back to the same Float32 with the fewest significant digits, over many values and magnitudes', () => {
    let x = 12345;
    for (let i = 0; i < 20000; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const v = Math.fround(((x / 2 ** 32) - 0.5) * 10 ** ((i % 40) - 20));
      const s = text(v);
      expect(Math.fround(JSON.parse(s))).toBe(v);
      // The shortest precision that round-trips, found the slow way.
      let p = 1;
      while (Math.fround(Number(v.toPrecision(p))) !== v) p++;
      expect(significant(s)).toBeLessThanOrEqual(p);
    }
  });

  it('keeps extremes exact: the largest and smallest Float32 values', () => {
    for (const v of [3.4028234663852886e38, 1.1754943508222875e-38, 1.401298464324817e-45, -3.4028234663852886e38]) {
      expect(Math.fround(JSON.parse(text(v)))).toBe(v);
    }
  });
});
