/**
 * EEG read throughput: `npx tsx bench/eeg-read.bench.ts`
 *
 * Generates a 64-channel × 30-minute EDF and BDF (256 Hz, 1-s records) in a
 * temporary folder, then times, on the same files in the same run:
 *  - our full read of every channel (readRecording → Float32 µV arrays),
 *  - MNE's read_raw_edf/read_raw_bdf(preload=True) via /usr/bin/python3,
 *  - reading the file's bytes (already in the page cache) with fs.readFile,
 *    the target's baseline; and, for reference, 8 MB chunked reads into one
 *    reused buffer, a pure copy that allocates nothing (our read must fill
 *    fresh Float32 arrays of 2× (EDF) or 1.33× (BDF) the file size).
 * Each is the best of several runs. Targets: ≥3× faster than MNE, and within
 * 4× of the raw byte read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchEdf } from './support/edf-file';
import { readRecording } from '../pipelines/eeg/open';

const CHANNELS = 64;
const RATE = 256;
const SECONDS = 30 * 60;
const REPEATS = 5;

async function best(fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min / 1000;
}

/** The leanest way to pull the bytes through: 8 MB reads into one reused buffer. */
async function chunkedRead(path: string): Promise<number> {
  const fh = await open(path, 'r');
  const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, total);
      if (bytesRead === 0) return total;
      total += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

function mneSeconds(path: string): number {
  const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'eeg_read_mne.py'), path, '3'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!).seconds as number;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-'));
  try {
    console.log(`EEG read throughput: ${CHANNELS} channels × ${SECONDS / 60} min at ${RATE} Hz (node ${process.version})`);
    for (const kind of ['EDF', 'BDF'] as const) {
      const path = join(dir, `bench.${kind.toLowerCase()}`);
      await writeBenchEdf(path, { channels: CHANNELS, rate: RATE, seconds: SECONDS, bdf: kind === 'BDF' });
      const bytes = (await readFile(path)).length; // also warms the page cache
      const rec = await readRecording(path);
      if (rec.channels.length !== CHANNELS || rec.data[0]!.length !== RATE * SECONDS) throw new Error('bench file read wrongly');
      const raw = await best(() => readFile(path));
      const copy = await best(() => chunkedRead(path));
      const ours = await best(() => readRecording(path));
      const mne = mneSeconds(path);
      const mb = bytes / 1024 ** 2;
      const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
      console.log(
        `${kind} ${mb.toFixed(1)} MB: ours ${ms(ours)} (${(mb / ours).toFixed(0)} MB/s), MNE ${ms(mne)}, ` +
        `readFile ${ms(raw)}, 8 MB chunked copy ${ms(copy)}\n` +
        `  → ${(mne / ours).toFixed(1)}× faster than MNE (target ≥3); ${(ours / raw).toFixed(2)}× the readFile time (target ≤4); ` +
        `${(ours / copy).toFixed(1)}× the chunked copy, which allocates nothing`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
