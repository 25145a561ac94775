/** Electrode positions: the standard 10-05 resource and the electrodes.tsv-or-standard rule. */
import { describe, expect, it } from 'vitest';
import { channelPositions, standardNames, standardPosition } from '../../../pipelines/eeg/montage';

describe('standard 10-05 positions', () => {
  it('holds the 343 electrodes of MNE standard_1005, upper-case and matched in any case', () => {
    const names = standardNames();
    expect(names).toHaveLength(343);
    expect(names.every((n) => n === n.toUpperCase())).toBe(true);
    for (const n of ['FP1', 'CZ', 'O2', 'T3', 'T7', 'M1', 'AFF1H', 'POO10H']) expect(names).toContain(n);
    expect(standardPosition('Fp1')).toEqual(standardPosition('FP1'));
    expect(standardPosition(' cz ')).toEqual(standardPosition('CZ'));
    expect(standardPosition('EOG1')).toBeUndefined();
  });

  it('is in the head frame, in metres: +x right, +y front, +z up, and left/right mirror', () => {
    const [fp1, fp2, cz, oz, t7, t8] = ['FP1', 'FP2', 'CZ', 'OZ', 'T7', 'T8'].map((n) => standardPosition(n)!);
    expect(fp1![0]).toBeLessThan(0);
    expect(fp2![0]).toBeGreaterThan(0);
    expect(fp1![1]).toBeGreaterThan(0.05);
    expect(oz![1]).toBeLessThan(-0.05);
    expect(t7![0]).toBeLessThan(-0.05);
    expect(t8![0]).toBeGreaterThan(0.05);
    // Cz is the vertex: the highest of these, 10-16 cm above the head origin (between the ears).
    for (const p of [fp1, fp2, oz, t7, t8]) expect(cz![2]).toBeGreaterThan(p![2]);
    expect(cz![2]).toBeGreaterThan(0.1);
    expect(cz![2]).toBeLessThan(0.16);
    // The template head is close to symmetric: C3 and C4 mirror each other to a few mm.
    const [c3, c4] = [standardPosition('C3')!, standardPosition('C4')!];
    expect(Math.abs(c3[0] + c4[0])).toBeLessThan(0.005);
    expect(Math.abs(c3[2] - c4[2])).toBeLessThan(0.005);
  });
});

describe('channelPositions', () => {
  const table = (rows: string[][], units?: string) => ({
    file: 'sub-01_electrodes.tsv',
    rows: rows.map(([name, x, y, z]) => ({ name: name!, x: x!, y: y!, z: z! })),
    units: units ?? null,
  });

  it('uses standard positions without an electrodes.tsv, and lists the channels it has none for', () => {
    const r = channelPositions(['FP1', 'CZ', 'EOG']);
    expect(r.source).toBe('standard_1005');
    expect(r.positions).toEqual([standardPosition('FP1'), standardPosition('CZ'), null]);
    expect(r.missing).toEqual(['EOG']);
    expect(r.fallbackReason).toBeUndefined();
  });

  it('uses electrodes.tsv when it places every channel, converting its units to metres', () => {
    const mm = table([['Fp1', '-30', '85', '-7'], ['Cz', '0', '0', '88'], ['EOG', 'n/a', 'n/a', 'n/a']], 'mm');
    const r = channelPositions(['FP1', 'CZ'], mm);
    expect(r.source).toBe('electrodes.tsv');
    expect(r.positions[0]![0]).toBeCloseTo(-0.03, 12);
    expect(r.positions[1]![2]).toBeCloseTo(0.088, 12);
    expect(r.missing).toEqual([]);
    const cm = channelPositions(['CZ'], table([['Cz', '0', '0', '8.8']], 'cm'));
    expect(cm.positions[0]![2]).toBeCloseTo(0.088, 12);
  });

  it('guesses the units from the head size when coordsystem.json gives none', () => {
    for (const [scale, units] of [[1, 'n/a'], [100, undefined], [1000, 'furlongs']] as const) {
      const at = (m: number) => String(m * scale);
      const r = channelPositions(['CZ'], table([['Cz', '0', '0', at(0.088)], ['Pz', '0', at(-0.06), at(0.07)]], units));
      expect(r.positions[0]![2]).toBeCloseTo(0.088, 12);
    }
  });

  it('falls back to standard positions for every channel when electrodes.tsv misses one, and says why', () => {
    const r = channelPositions(['FP1', 'CZ'], table([['Fp1', '-0.03', '0.085', '-0.007'], ['Cz', 'n/a', 'n/a', 'n/a']], 'm'));
    expect(r.source).toBe('standard_1005');
    expect(r.positions).toEqual([standardPosition('FP1'), standardPosition('CZ')]);
    expect(r.fallbackReason).toBe('sub-01_electrodes.tsv gives no position for CZ; standard 10-05 positions are used for every channel');
  });
});
