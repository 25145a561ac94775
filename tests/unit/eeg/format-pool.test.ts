/**
 * Sample text made on worker threads: the same bytes as on this thread, and a
 * full-range export large enough to use them reads back to the reader's samples.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { FormatPool } from '../../../pipelines/eeg/export/format-pool';
import { formatJob } from '../../../pipelines/eeg/export/value-text';
import type { TextJob } from '../../../pipelines/eeg/export/value-text';
import { readRecording } from '../../../pipelines/eeg/open';
import { ramp, writeEdf } from './support/edf-writer';
import { scratch } from './support/paths';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());
afterEach(() => vi.restoreAllMocks());

const samples = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed) * 10 ** ((i % 9) - 4));

function withNonFinite(values: Float32Array): Float32Array {
  values[3] = NaN;
  values[7] = Infinity;
  values[11] = -Infinity;
  return values;
}

describe('FormatPool', () => {
  it('makes the same bytes on worker threads as formatJob on this thread, for every kind of job', async () => {
    const jobs: TextJob[] = [
      { kind: 'list', values: withNonFinite(samples(5000, 1)), sep: 0x2c, nonFinite: 'json', continues: false },
      { kind: 'list', values: withNonFinite(samples(3000, 2)), sep: 0x20, nonFinite: 'text', continues: true },
      { kind: 'list', values: withNonFinite(samples(100, 3)), sep: 0x2c, nonFinite: 'csv', continues: false },
      { kind: 'rows', columns: [withNonFinite(samples(400, 4)), samples(400, 5), samples(400, 6)], firstIndex: 1234 },
    ];
    // Worked out here first: the pool takes the jobs' arrays over.
    const expected = jobs.map((job) => Buffer.from(formatJob(job)).toString('latin1'));
    expect(expected[0]).toContain(',null,');
    expect(expected[1]!.startsWith(' ')).toBe(true);
    expect(expected[3]!.split('\n')[0]!.startsWith('1234,')).toBe(true);
    const pool = FormatPool.withWorkers(2);
    try {
      const texts = await Promise.all(jobs.map((job) => pool.format(job)));
      expect(texts.map((t) => Buffer.from(t).toString('latin1'))).toEqual(expected);
    } finally {
      await pool.close();
    }
  });
});

describe('inspect --data large enough for the formatting workers', () => {
  const CHANNELS = 16;
  const RATE = 1000;
  const RECORDS = 66; // 16 × 66,000 = 1.06 million values

  async function cli(...argv: string[]) {
    const chunks: Uint8Array[] = [];
    const code = await runCli(argv, commands, { stdout: (t) => void chunks.push(Buffer.from(t)), stderr: () => {}, write: async (c) => void chunks.push(c) });
    return { code, text: Buffer.concat(chunks).toString('utf8') };
  }

  it('writes JSON and CSV whose values read back to the reader\'s samples exactly', async () => {
    const path = join(dir, 'large.edf');
    await writeFile(path, writeEdf({
      records: RECORDS, recordDuration: 1,
      signals: Array.from({ length: CHANNELS }, (_, i) => ({
        label: `EEG ${i + 1}`, unit: 'uV', physicalMin: -3276.8, physicalMax: 3276.7, digitalMin: -32768, digitalMax: 32767,
        samplesPerRecord: RATE, digital: ramp(RATE * RECORDS, -32768, 32767, i + 3),
      })),
    }));
    const pools: FormatPool[] = [];
    vi.spyOn(FormatPool, 'forMachine').mockImplementation(() => {
      const pool = FormatPool.withWorkers(2);
      pools.push(pool);
      return pool;
    });
    const { data } = await readRecording(path);
    const end = RATE * RECORDS;

    const json = await cli('inspect', path, '--data', `0:${end}`, '--json');
    expect(json.code).toBe(0);
    const channels = (JSON.parse(json.text) as { data: { channels: Array<{ values: number[] }> } }).data.channels;
    expect(channels).toHaveLength(CHANNELS);
    // Counted rather than compared with toEqual, which is slow on a million elements.
    const differing = channels.reduce((n, c, k) => n + Float32Array.from(c.values).filter((v, i) => v !== data[k]![i]).length, 0);
    expect(channels.every((c, k) => c.values.length === data[k]!.length)).toBe(true);
    expect(differing).toBe(0);

    const csv = await cli('inspect', path, '--data', `0:${end}`, '--format', 'csv');
    expect(csv.code).toBe(0);
    const rows = csv.text.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(end);
    for (let i = 0; i < end; i += 997) {
      const cells = rows[i]!.split(',');
      expect(Number(cells[0])).toBe(i);
      expect(Float32Array.from(cells.slice(1), Number)).toEqual(Float32Array.from(data, (d) => d[i]!));
    }
    expect(pools).toHaveLength(2);
  });
});
