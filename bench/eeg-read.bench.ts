/**
 * EEG read throughput: `npx tsx bench/eeg-read.bench.ts [EDF BDF BrainVision EEGLAB]`
 *
 * Generates a 64-channel × 30-minute recording at 256 Hz as EDF and BDF (1-s
 * records), BrainVision (INT_16, multiplexed) and EEGLAB (.set + float32
 * .fdt) in a temporary folder, then times, on the same files in the same run:
 *  - cold, as the CLI or a pipeline task meets it: a fresh `node` process per
 *    read (readRecording) and a fresh `python3` process per MNE read, only
 *    the read call timed in each (not start-up or imports); median of 3;
 *  - warm, best of several reads in one process (reusing freed memory):
 *  - our full read of every channel (readRecording → Float32 µV arrays),
 *  - MNE's read_raw_*(preload=True) via /usr/bin/python3,
 *  - reading the file's bytes (already in the page cache) with fs.readFile,
 *    the target's baseline; and, for reference, 8 MB chunked reads into one
 *    reused buffer, a pure copy that allocates nothing (our read must fill
 *    fresh Float32 arrays of 2× (EDF) or 1.33× (BDF) the file size).
 * Targets: ≥3× faster than MNE (cold and warm), and within 4× of the raw
 * byte read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInspectChild } from './support/child-stats';
import { writeBenchEdf } from './support/edf-file';
import { writeBenchBrainVision, writeBenchEeglab } from './support/multiplexed-files';
import { readRecording } from '../pipelines/eeg/open';

const CHANNELS = 64;
const RATE = 256;
const SECONDS = 30 * 60;
const REPEATS = 5;
const COLD_RUNS = 3;
const KINDS = ['EDF', 'BDF', 'BrainVision', 'EEGLAB'] as const;
type Kind = (typeof KINDS)[number];

async function generate(dir: string, kind: Kind): Promise<string> {
  const shape = { channels: CHANNELS, rate: RATE, seconds: SECONDS };
  if (kind === 'BrainVision') return writeBenchBrainVision(dir, 'bench', shape);
  if (kind === 'EEGLAB') return writeBenchEeglab(dir, 'bench', shape);
  const path = join(dir, `bench.${kind.toLowerCase()}`);
  await writeBenchEdf(path, { ...shape, bdf: kind === 'BDF' });
  return path;
}

/** The data file whose bytes a read pulls through (the .eeg or .fdt beside a header file). */
function dataFile(path: string): string {
  return path.replace(/\.vhdr$/, '.eeg').replace(/\.set$/, '.fdt');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Seconds of one read in a fresh process each time, ours and MNE's, taken in turns. */
async function coldSeconds(path: string): Promise<{ ours: number; mne: number }> {
  const ours: number[] = [];
  const mne: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    ours.push((await runInspectChild(['--read-only', path])).ms / 1000);
    mne.push(mneSeconds(path, 1));
  }
  return { ours: median(ours), mne: median(mne) };
}

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

function mneSeconds(path: string, repeats = 3): number {
  const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'eeg_read_mne.py'), path, String(repeats)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!).seconds as number;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-'));
  try {
    console.log(`EEG read throughput: ${CHANNELS} channels × ${SECONDS / 60} min at ${RATE} Hz (node ${process.version})`);
    const asked = process.argv.slice(2);
    for (const kind of KINDS.filter((k) => asked.length === 0 || asked.includes(k))) {
      const path = await generate(dir, kind);
      const bytes = (await readFile(dataFile(path))).length; // also warms the page cache
      const rec = await readRecording(path);
      if (rec.channels.length !== CHANNELS || rec.data[0]!.length !== RATE * SECONDS) throw new Error('bench file read wrongly');
      const cold = await coldSeconds(path);
      const raw = await best(() => readFile(dataFile(path)));
      const copy = await best(() => chunkedRead(dataFile(path)));
      const ours = await best(() => readRecording(path));
      const mne = mneSeconds(path);
      const mb = bytes / 1024 ** 2;
      const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
      console.log(
        `${kind} ${mb.toFixed(1)} MB\n` +
        `  cold (fresh process per read, median of ${COLD_RUNS}): ours ${ms(cold.ours)}, MNE ${ms(cold.mne)} → ${(cold.mne / cold.ours).toFixed(1)}× faster than MNE (target ≥3)\n` +
        `  warm (best of ${REPEATS}; MNE best of 3): ours ${ms(ours)} (${(mb / ours).toFixed(0)} MB/s), MNE ${ms(mne)} → ${(mne / ours).toFixed(1)}× faster than MNE; ` +
        `readFile ${ms(raw)} → ${(ours / raw).toFixed(2)}× the readFile time (target ≤4); 8 MB chunked copy ${ms(copy)} → ${(ours / copy).toFixed(1)}× it`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
