import { describe, expect, it } from 'vitest';
import { convertUnits, isVoltageUnit, normaliseUnit, unitFactor, voltageScaleToMicrovolts } from '../../../pipelines/eeg/units';

describe('unit conversion is explicit', () => {
  it('normalises the spellings of micro', () => {
    expect(['uV', 'µV', 'μV', 'microvolts', 'Microvolt'].map(normaliseUnit)).toEqual(['µV', 'µV', 'µV', 'µV', 'µV']);
    expect(normaliseUnit('uS')).toBe('µS');
    expect(normaliseUnit(' mV ')).toBe('mV');
    expect(['uv', 'UV', 'mv', 'v', 'nv', 'Âµ' + 'V'].map(normaliseUnit)).toEqual(['µV', 'µV', 'mV', 'V', 'nV', 'µV']);
    expect(voltageScaleToMicrovolts('mv')).toBe(1000);
  });

  it('knows voltage factors to µV and nothing else', () => {
    expect(['nV', 'uV', 'mV', 'V'].map(voltageScaleToMicrovolts)).toEqual([1e-3, 1, 1e3, 1e6]);
    expect(voltageScaleToMicrovolts('degC')).toBeNull();
    expect(isVoltageUnit('µS')).toBe(false);
  });

  it('converts arrays without touching the input, and refuses non-voltages', () => {
    const v = Float32Array.from([1, -2.5]);
    expect(Array.from(convertUnits(v, 'mV', 'uV'))).toEqual([1000, -2500]);
    expect(Array.from(convertUnits(v, 'µV', 'V'))).toEqual([Math.fround(1e-6), Math.fround(-2.5e-6)]);
    expect(Array.from(v)).toEqual([1, -2.5]);
    expect(unitFactor('V', 'mV')).toBe(1000);
    expect(() => unitFactor('degC', 'µV')).toThrow(/only voltage units/);
  });
});
