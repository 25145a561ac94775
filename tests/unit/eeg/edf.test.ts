/** EDF/EDF+/BDF/BDF+ on files written here from the specification. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPipelineError } from '../../../pipelines/errors';
import { openRecording, readHeader, readRecording, readTimeRange } from '../../../pipelines/eeg/open';
import { useSimdDecoding } from '../../../pipelines/eeg/edf/simd-decoder';
import { EDF_FIELD, ramp, signalFieldOffset, writeEdf } from './support/edf-writer';
import type { EdfSpec, SignalSpec } from './support/edf-writer';
import { scratch, recordingsDir } from './support/paths';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());

async function put(name: string, spec: EdfSpec): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, writeEdf(spec));
  return path;
}

function phys(s: SignalSpec, d: number): number {
  return (d - s.digitalMin) * (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin) + s.physicalMin;
}

/** Float32 storage rounds to half an ulp; anything beyond that (or 1/1000 step) is a decoding error. */
function f32Tolerance(value: number, step: number): number {
  return Math.max(step * 1e-3, Math.abs(value) * 2 ** -24);
}

const RECORDS = 6;
const eegFast: SignalSpec = { label: 'EEG Fz', unit: 'uV', physicalMin: -3200, physicalMax: 3200, digitalMin: -32768, digitalMax: 32767, samplesPerRecord: 256, digital: ramp(256 * RECORDS, -32768, 32767, 1) };
const eegSlow: SignalSpec = { label: 'Resp', unit: 'mV', physicalMin: -5, physicalMax: 5, digitalMin: -2048, digitalMax: 2047, samplesPerRecord: 32, digital: ramp(32 * RECORDS, -2048, 2047, 2) };
const temp: SignalSpec = { label: 'Temp', unit: 'degC', physicalMin: 30, physicalMax: 40, digitalMin: 0, digitalMax: 1000, samplesPerRecord: 1, digital: ramp(RECORDS, 0, 1000, 3) };

describe.each([['WebAssembly SIMD', true], ['scalar JS', false]])('decoding with %s', (_, simd) => {
  beforeAll(() => useSimdDecoding(simd));
  afterAll(() => useSimdDecoding(true));

  describe('EDF+ with mixed rates and several annotation signals', () => {
    const spec: EdfSpec = {
      records: RECORDS, recordDuration: 1, signals: [eegFast, eegSlow, temp], annotationBytes: 200,
      recordOnsets: Array.from({ length: RECORDS }, (_, r) => 0.125 + r),
      annotations: [
        [[{ onset: 0.625, duration: 1.5, texts: ['Eyes closed'] }], [], [{ onset: 2.25, texts: ['Ä spike', 'second text'] }]],
        [[], [{ onset: 1.5, duration: 0.25, texts: ['睡眠 stage 2'] }], [], [], [], [{ onset: 5.5, texts: ['End'] }]],
      ],
    };

    it('reads the header: format, rates, counts, units, start with sub-second part', async () => {
      const h = await readHeader(await put('mixed.edf', spec));
      expect(h.format).toBe('EDF+');
      expect(h.channels.map((c) => [c.name, c.samplingRate, c.sampleCount, c.unit, c.fileUnit])).toEqual([
        ['EEG Fz', 256, 256 * RECORDS, 'µV', 'uV'],
        ['Resp', 32, 32 * RECORDS, 'µV', 'mV'],
        ['Temp', 1, RECORDS, 'degC', 'degC'],
      ]);
      expect(h.channels.map((c) => c.type)).toEqual(['EEG', 'RESP', 'TEMP']);
      expect(h.samplingRate).toBe(256);
      expect(h.sampleCount).toBe(256 * RECORDS);
      expect(h.duration).toBe(RECORDS);
      expect(h.startTime).toEqual({ iso: '2021-03-02T10:20:30.125', subsecond: 0.125 });
      expect(h.segments).toEqual([{ startSample: 0, sampleCount: 256 * RECORDS, onset: 0 }]);
      expect(h.gaps).toEqual([]);
    });

    it('merges annotations from every annotation signal, UTF-8, relative to the first sample', async () => {
      const h = await readHeader(await put('mixed.edf', spec));
      expect(h.annotations).toEqual([
        { onset: 0.5, duration: 1.5, text: 'Eyes closed' },
        { onset: 1.375, duration: 0.25, text: '睡眠 stage 2' },
        { onset: 2.125, duration: 0, text: 'Ä spike' },
        { onset: 2.125, duration: 0, text: 'second text' },
        { onset: 5.375, duration: 0, text: 'End' },
      ]);
    });

    it('scales every sample physically and converts mV to µV', async () => {
      const rec = await readRecording(await put('mixed.edf', spec));
      const check = (ch: number, s: SignalSpec, toOurs: number) => {
        const step = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin) * toOurs;
        expect(rec.data[ch]!.length).toBe(s.digital.length);
        for (let i = 0; i < s.digital.length; i++) {
          const want = phys(s, s.digital[i]!) * toOurs;
          expect(Math.abs(rec.data[ch]![i]! - want)).toBeLessThanOrEqual(f32Tolerance(want, step));
        }
      };
      check(0, eegFast, 1);
      check(1, eegSlow, 1000);
      check(2, temp, 1);
      expect(rec.data[0]![0]).toBeCloseTo(-3200, 3);
    });

    it('reads a sample range that crosses records, mapping slower channels to the same time span', async () => {
      const path = await put('mixed.edf', spec);
      const full = await readRecording(path);
      const r = await openRecording(path);
      try {
        const part = await r.readSamples(250, 700);
        expect(part.firstSample).toEqual([250, Math.ceil(250 / 8), 1]);
        expect(Array.from(part.data[0]!)).toEqual(Array.from(full.data[0]!.slice(250, 700)));
        expect(Array.from(part.data[1]!)).toEqual(Array.from(full.data[1]!.slice(32, 88)));
        expect(Array.from(part.data[2]!)).toEqual(Array.from(full.data[2]!.slice(1, 3)));
        const one = await r.readSamples(300, 301, [1]);
        expect(one.data).toHaveLength(1);
      } finally {
        await r.close();
      }
      const byTime = await readTimeRange(path, 2, 3, [0]);
      expect(Array.from(byTime.data[0]!)).toEqual(Array.from(full.data[0]!.slice(512, 768)));
    });

    it('refuses a sample range outside the recording', async () => {
      const r = await openRecording(await put('mixed.edf', spec));
      try {
        await expect(r.readSamples(0, 256 * RECORDS + 1)).rejects.toMatchObject({ code: 'OUT_OF_RANGE' });
        await expect(r.readSamples(5, 4)).rejects.toMatchObject({ code: 'OUT_OF_RANGE' });
        await expect(r.readSamples(0, 1, [7])).rejects.toMatchObject({ code: 'OUT_OF_RANGE' });
      } finally {
        await r.close();
      }
    });
  });

  describe('EDF+D (discontinuous)', () => {
    it('reports segments and the gaps between them', async () => {
      const sig: SignalSpec = { ...eegFast, samplesPerRecord: 100, digital: ramp(500, -32768, 32767) };
      const h = await readHeader(await put('gaps.edf', {
        plus: 'D', records: 5, recordDuration: 1, signals: [sig],
        recordOnsets: [0, 1, 5, 6, 10.5],
        annotations: [[[], [], [{ onset: 5.25, texts: ['after gap'] }]]],
      }));
      expect(h.format).toBe('EDF+');
      expect(h.segments).toEqual([
        { startSample: 0, sampleCount: 200, onset: 0 },
        { startSample: 200, sampleCount: 200, onset: 5 },
        { startSample: 400, sampleCount: 100, onset: 10.5 },
      ]);
      expect(h.gaps).toEqual([{ onset: 2, duration: 3 }, { onset: 7, duration: 3.5 }]);
      expect(h.annotations).toEqual([{ onset: 5.25, duration: 0, text: 'after gap' }]);
      expect(h.duration).toBe(5);
    });
  });

  describe('BDF/BDF+', () => {
    const sig24: SignalSpec = { label: 'A1', unit: 'uV', physicalMin: -262144, physicalMax: 262143, digitalMin: -8388608, digitalMax: 8388607, samplesPerRecord: 64, digital: ramp(64 * 3, -8388608, 8388607, 5) };
    const status: SignalSpec = { label: 'Status', unit: 'Boolean', physicalMin: -8388608, physicalMax: 8388607, digitalMin: -8388608, digitalMax: 8388607, samplesPerRecord: 64, digital: Int32Array.from({ length: 64 * 3 }, (_, i) => (i % 50 === 0 ? 0x7f0003 : 0x7f0000)) };

    it('decodes 24-bit two\'s complement, BDF Annotations, and trigger bits', async () => {
      const path = await put('upper.BDF', { bdf: true, records: 3, recordDuration: 0.5, signals: [sig24, status], annotations: [[[{ onset: 0.75, duration: 0.1, texts: ['stim'] }]]] });
      const rec = await readRecording(path);
      expect(rec.format).toBe('BDF+');
      expect(rec.samplingRate).toBe(128);
      const step = (sig24.physicalMax - sig24.physicalMin) / (sig24.digitalMax - sig24.digitalMin);
      for (let i = 0; i < sig24.digital.length; i++) {
        const want = phys(sig24, sig24.digital[i]!);
        expect(Math.abs(rec.data[0]![i]! - want)).toBeLessThanOrEqual(f32Tolerance(want, step));
      }
      expect(rec.data[0]![0]).toBeCloseTo(-262144, 1);
      expect(rec.channels[1]).toMatchObject({ name: 'Status', type: 'TRIG', unit: '' });
      // 0x7f0003 & 0x1ffff = 0x10003; status flags above bit 16 are dropped.
      expect(rec.data[1]![0]).toBe(0x10003);
      expect(rec.data[1]![1]).toBe(0x10000);
      expect(rec.annotations).toEqual([{ onset: 0.75, duration: 0.1, text: 'stim' }]);
    });

    it('renames repeated labels as MNE does', async () => {
    const sig = (label: string): SignalSpec => ({ ...sig24, label });
    const h = await readHeader(await put('dups.bdf', { bdf: true, records: 1, recordDuration: 1, signals: [sig('EEG'), sig('Cz'), sig('EEG'), sig('EEG')].map((s) => ({ ...s, digital: ramp(64, -100, 100) })) }));
    expect(h.channels.map((c) => c.name)).toEqual(['EEG-0', 'Cz', 'EEG-1', 'EEG-2']);
  });

  it('reads plain BDF and upper-case .EDF extensions', async () => {
      const bdf = await readHeader(await put('plain.bdf', { bdf: true, plus: '', records: 2, recordDuration: 1, signals: [sig24] }));
      expect(bdf.format).toBe('BDF');
      expect(bdf.annotations).toEqual([]);
      expect(bdf.startTime).toEqual({ iso: '2021-03-02T10:20:30', subsecond: 0 });
      const edf = await readHeader(await put('PLAIN.EDF', { plus: '', records: 1, recordDuration: 1, signals: [{ ...eegFast, digital: ramp(256, -100, 100) }] }));
      expect(edf.format).toBe('EDF');
    });
});

});

describe('the SIMD and scalar decoders agree on real files', () => {
  it.each(['edf/test_reduced.edf', 'bdf/test_generator_2.bdf', 'bdf/test_bdf_stim_channel.bdf'])('%s', async (file) => {
    const path = join(recordingsDir, file);
    useSimdDecoding(false);
    const scalar = await readRecording(path);
    useSimdDecoding(true);
    const simd = await readRecording(path);
    simd.data.forEach((d, c) => {
      const s = scalar.data[c]!;
      expect(d.length).toBe(s.length);
      let worst = 0; // in units of the allowed error (2 float32 ulps)
      for (let i = 0; i < d.length; i++) worst = Math.max(worst, Math.abs(d[i]! - s[i]!) / (Math.abs(s[i]!) * 2 ** -22 + 1e-30));
      expect(worst, `${simd.channels[c]!.name}`).toBeLessThanOrEqual(1);
    });
  });
});

describe('bad EDF input is refused with the file and the problem named', () => {
  const base = (): EdfSpec => ({ records: 3, recordDuration: 1, signals: [{ ...eegFast, digital: ramp(256 * 3, -32768, 32767) }] });
  const refuse = async (name: string, spec: EdfSpec, code: string, message: RegExp) => {
    const path = await put(name, spec);
    const err = await readHeader(path).then(() => null, (e: unknown) => e);
    expect(isPipelineError(err, code), String(err)).toBe(true);
    expect((err as Error).message).toContain(name);
    expect((err as Error).message).toMatch(message);
  };

  it('a truncated file (header says more records than the file holds)', async () => {
    const full = writeEdf(base()).length;
    await refuse('truncated.edf', { ...base(), truncateTo: full - 100 }, 'INVALID_FILE', /header says 3 data records but the file holds only 2/);
  });

  it('header fields that are not numbers', async () => {
    await refuse('nan-records.edf', { ...base(), patch: [[EDF_FIELD.records, 'three   ']] }, 'INVALID_FILE', /"number of data records" is not a number: "three"/);
    await refuse('nan-duration.edf', { ...base(), patch: [[EDF_FIELD.recordDuration, 'one sec ']] }, 'INVALID_FILE', /duration of a data record/);
    await refuse('nan-physmin.edf', { ...base(), patch: [[signalFieldOffset('physicalMin', 0, 2), 'low     ']] }, 'INVALID_FILE', /physical minimum of signal 1 \(EEG Fz\)" is not a number: "low"/);
    await refuse('blank-spr.edf', { ...base(), patch: [[signalFieldOffset('samplesPerRecord', 0, 2), '        ']] }, 'INVALID_FILE', /samples per record of signal 1/);
    await refuse('bad-date.edf', { ...base(), startDate: '2021-3-2' }, 'INVALID_FILE', /startdate/);
  });

  it('a zero or negative record count', async () => {
    await refuse('zero.edf', { ...base(), patch: [[EDF_FIELD.records, '0       ']] }, 'INVALID_FILE', /0 data records/);
    await refuse('negative.edf', { ...base(), patch: [[EDF_FIELD.records, '-3      ']] }, 'INVALID_FILE', /-3 data records/);
  });

  it('accepts -1 (unknown, still recording) only when whole records follow', async () => {
    const h = await readHeader(await put('unknown.edf', { ...base(), patch: [[EDF_FIELD.records, '-1      ']] }));
    expect(h.sampleCount).toBe(256 * 3);
    expect(h.details['recordCountInferred']).toBeTruthy();
    const full = writeEdf(base()).length;
    await refuse('unknown-cut.edf', { ...base(), patch: [[EDF_FIELD.records, '-1      ']], truncateTo: full - 3 }, 'INVALID_FILE', /-1/);
  });

  it('digital maximum not above digital minimum, a wrong header size, and a non-EDF file', async () => {
    await refuse('flat.edf', { ...base(), signals: [{ ...eegFast, digitalMax: -32768, digital: ramp(256 * 3, -32768, -32768) }] }, 'INVALID_FILE', /digital maximum/);
    await refuse('hdrsize.edf', { ...base(), patch: [[EDF_FIELD.headerBytes, '999     ']] }, 'INVALID_FILE', /header size is 999/);
    const path = join(dir, 'text.edf');
    await writeFile(path, 'hello, this is not an EDF file'.padEnd(300, '.'));
    await expect(readHeader(path)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('text.edf') });
    const tiny = join(dir, 'tiny.edf');
    await writeFile(tiny, '0       ');
    await expect(readHeader(tiny)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/tiny\.edf.*too short/) });
  });

  it('an impossible date (as anonymisers write) leaves the start time unknown instead of failing', async () => {
    const h = await readHeader(await put('anon.edf', { ...base(), startDate: '00.00.00', recordingId: 'Startdate X X X X' }));
    expect(h.startTime).toBeNull();
    expect(h.sampleCount).toBe(256 * 3);
    await refuse('bad-time.edf', { ...base(), startTime: '10h20m30' }, 'INVALID_FILE', /starttime/);
  });

  it('a file that does not exist', async () => {
    await expect(readHeader(join(dir, 'missing.edf'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('missing.edf') });
  });
});
