/**
 * Reading a header is cheap and a sample range costs only its bytes: counted
 * by spying on FileHandle#read, which every reader goes through.
 */
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRecording, readHeader } from '../../../pipelines/eeg/open';
import { writeBrainVision } from './support/brainvision-writer';
import { writeEdf } from './support/edf-writer';
import { scratch, recordingsDir } from './support/paths';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let bytesRead = 0;

beforeAll(async () => {
  ({ dir, cleanup } = await scratch('neuroops-stream-'));
  const probe = await open(join(recordingsDir, 'edf/test_reduced.edf'));
  const proto = Object.getPrototypeOf(probe) as { read: (...a: unknown[]) => Promise<{ bytesRead: number }> };
  await probe.close();
  const original = proto.read;
  vi.spyOn(proto, 'read').mockImplementation(async function (this: unknown, ...args: unknown[]) {
    const res = await original.apply(this, args);
    bytesRead += res.bytesRead;
    return res;
  });
});
afterEach(() => {
  bytesRead = 0;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

// Records of 64 × 1024 × 2 bytes = 128 kB: large enough that annotations are read per record.
const CH = 64;
const SPR = 1024;
const RECORDS = 100;

function bigEdf(plus: '' | 'C'): Buffer {
  const digital = new Int16Array(SPR * RECORDS).map((_, i) => (i * 37) % 2000 - 1000);
  return writeEdf({
    plus, records: RECORDS, recordDuration: 1, annotationBytes: 60,
    annotations: plus ? [[[{ onset: 1.5, texts: ['marker'] }]]] : undefined,
    signals: Array.from({ length: CH }, (_, c) => ({
      label: `E${c}`, physicalMin: -100, physicalMax: 100, digitalMin: -32768, digitalMax: 32767, samplesPerRecord: SPR, digital,
    })),
  });
}

describe('EDF', () => {
  it('reads a plain EDF header from the header bytes alone', async () => {
    const path = join(dir, 'big.edf');
    const file = bigEdf('');
    await writeFile(path, file);
    bytesRead = 0;
    const h = await readHeader(path);
    expect(h.sampleCount).toBe(SPR * RECORDS);
    expect(bytesRead).toBe(256 * (CH + 1));
  });

  it('scans EDF+ annotations of large records without reading their samples', async () => {
    const path = join(dir, 'bigplus.edf');
    const file = bigEdf('C');
    await writeFile(path, file);
    bytesRead = 0;
    const h = await readHeader(path);
    expect(h.annotations).toEqual([{ onset: 1.5, duration: 0, text: 'marker' }]);
    expect(bytesRead).toBeLessThan(file.length / 100);
  });

  it('reads a one-second range from the records that hold it', async () => {
    const path = join(dir, 'big.edf');
    const r = await openRecording(path);
    try {
      bytesRead = 0;
      const { data } = await r.readSamples(SPR * 50, SPR * 51, [3]);
      expect(data[0]).toHaveLength(SPR);
      expect(bytesRead).toBe(CH * SPR * 2); // exactly one data record
    } finally {
      await r.close();
    }
  });
});

describe('BrainVision and EEGLAB .fdt', () => {
  it('reads only the frames (or the vector slice) of the range', async () => {
    const raw = Array.from({ length: 8 }, (_, c) => Array.from({ length: 20_000 }, (_, s) => (s * (c + 1)) % 30000));
    for (const orientation of ['MULTIPLEXED', 'VECTORIZED'] as const) {
      const path = await writeBrainVision(dir, { base: `range_${orientation}`, format: 'INT_16', orientation, channels: raw.map((_, c) => ({ name: `C${c}` })), raw });
      const r = await openRecording(path);
      try {
        bytesRead = 0;
        const { data } = await r.readSamples(10_000, 10_100, [2]);
        expect(Array.from(data[0]!)).toEqual(raw[2]!.slice(10_000, 10_100));
        expect(bytesRead).toBe(orientation === 'MULTIPLEXED' ? 100 * 8 * 2 : 100 * 2);
      } finally {
        await r.close();
      }
    }
  });

  it('reads an .fdt range without the rest of the file', async () => {
    const r = await openRecording(join(recordingsDir, 'eeglab/test_raw.set'));
    try {
      bytesRead = 0;
      await r.readSamples(1000, 1128);
      expect(bytesRead).toBe(128 * 32 * 4);
    } finally {
      await r.close();
    }
  });
});
