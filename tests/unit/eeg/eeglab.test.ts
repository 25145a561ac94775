/** EEGLAB .set: MAT v5 with .fdt or inline data, v7.3 (HDF5), chanlocs, events, a missing .fdt. */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecording, readHeader, readRecording } from '../../../pipelines/eeg/open';
import { fixturesDir, scratch, recordingsDir } from './support/paths';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());

const testRaw = join(recordingsDir, 'eeglab/test_raw.set');

describe.each([
  ['MAT v5, inline data', 'inline_v5.set'],
  ['MAT v7.3 (HDF5)', 'small_v73.set'],
])('%s', (_, file) => {
  it('reads channels with types and positions from chanlocs, and events with durations', async () => {
    const h = await readHeader(join(fixturesDir, file));
    expect(h.format).toBe('EEGLAB');
    expect(h.channels.map((c) => [c.name, c.type, c.unit])).toEqual([
      ['Fp1', 'EEG', 'µV'], ['Cz', 'EEG', 'µV'], ['O2', 'EEG', 'µV'], ['EOG1', 'EOG', 'µV'],
    ]);
    expect(h.channels[2]!.details).toEqual({ x: 2, y: 0.5, z: -1 });
    expect(h.annotations).toEqual([
      { onset: 0.1, duration: 0, text: 'stim' },
      { onset: 1.005, duration: 0.05, text: 'resp' },
      { onset: 2.49, duration: 0, text: 'boundary' },
    ]);
    expect([h.samplingRate, h.sampleCount, h.duration]).toEqual([100, 300, 3]);
  });

  it('serves sample ranges from the decoded data', async () => {
    const full = await readRecording(join(fixturesDir, file));
    const r = await openRecording(join(fixturesDir, file));
    try {
      const part = await r.readSamples(10, 20, [3]);
      expect(Array.from(part.data[0]!)).toEqual(Array.from(full.data[3]!.slice(10, 20)));
    } finally {
      await r.close();
    }
  });
});

describe('.set with an .fdt file', () => {
  it('reads ranges from the .fdt that match the full read', async () => {
    const full = await readRecording(testRaw);
    const r = await openRecording(testRaw);
    try {
      const part = await r.readSamples(30000, 30504, [0, 31]);
      expect(Array.from(part.data[0]!)).toEqual(Array.from(full.data[0]!.slice(30000)));
      expect(Array.from(part.data[1]!)).toEqual(Array.from(full.data[31]!.slice(30000)));
    } finally {
      await r.close();
    }
  });

  it('falls back to <set name>.fdt when the named file is absent (a renamed dataset)', async () => {
    await copyFile(testRaw, join(dir, 'renamed.set'));
    await copyFile(join(recordingsDir, 'eeglab/test_raw.fdt'), join(dir, 'renamed.fdt'));
    const h = await readHeader(join(dir, 'renamed.set'));
    expect(h.channels).toHaveLength(32);
  });

  it('a .set whose .fdt is missing names the .set and the .fdt', async () => {
    await copyFile(testRaw, join(dir, 'lonely.set'));
    await expect(readHeader(join(dir, 'lonely.set'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringMatching(/lonely\.set keeps its data in test_raw\.fdt, which is missing/),
    });
  });

  it('the old .dat data layout is refused by name', async () => {
    // EEG.data and EEG.datfile are stored as UTF-16 text: swap the extension in place.
    const bytes = Buffer.from(await readFile(testRaw));
    const from = Buffer.from('test_raw.fdt', 'utf16le');
    const to = Buffer.from('test_raw.dat', 'utf16le');
    for (let i = bytes.indexOf(from); i >= 0; i = bytes.indexOf(from, i + 1)) to.copy(bytes, i);
    await writeFile(join(dir, 'old.set'), bytes);
    await expect(readHeader(join(dir, 'old.set'))).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/old\.set: .*\.dat layout \(test_raw\.dat\)/) });
  });

  it('a truncated .fdt and a file that is not a MAT file', async () => {
    await copyFile(testRaw, join(dir, 'short.set'));
    await writeFile(join(dir, 'test_raw.fdt'), Buffer.alloc(1000));
    await expect(readHeader(join(dir, 'short.set'))).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/test_raw\.fdt: .*truncated/) });
    await writeFile(join(dir, 'garbage.set'), 'not a mat file at all');
    await expect(readHeader(join(dir, 'garbage.set'))).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('garbage.set') });
  });
});
