/**
 * Feature extraction speed: `npx tsx bench/features.bench.ts [--minutes N]`
 *
 * Generates a 64-channel, 500 Hz, 10-minute EDF, then runs on the same file in the
 * same run: our chain (read, 60 Hz notch, 1–50 Hz band-pass, average reference,
 * 5 s epochs, Welch relative band power in the 8 bands) single-threaded, and MNE-Python
 * doing the same steps (bench/features_mne.py, OMP/BLAS threads pinned to 1).
 * Prints each one's best time, the ratio (target ≥ 3× faster than MNE), our peak
 * memory growth against the recording's float32 size (target < 4×), and the largest
 * difference between the two band-power results as a cross-check.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchEdf } from './support/edf-file';
import { readRecording } from '../pipelines/eeg/open';
import { runChain } from '../pipelines/preprocess/run-chain';
import { defaultSpec } from '../pipelines/preprocess/spec';
import type { PreprocessingSpec } from '../pipelines/preprocess/spec';

const CHANNELS = 64;
const RATE = 500;
const minutesArg = process.argv.indexOf('--minutes');
const SECONDS = (minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10) * 60;
const REPEATS = 3;

/** The bench's steps: the default spec without resampling, rejection and Huber normalization (MNE's side has none), band power only. */
function benchSpec(): PreprocessingSpec {
  const spec = defaultSpec();
  spec.features = spec.features.filter((f) => f.name === 'power');
  spec.steps = spec.steps.filter((s) => s.name !== 'resample' && s.name !== 'huber_normalization');
  for (const s of spec.steps) if (s.name === 'epochs') for (const c of Object.values(s.params.rejection)) c.enabled = false;
  for (const s of spec.steps) if (s.name === 'epochs') s.params.minEpochs = 1;
  return spec;
}

async function ours(path: string, spec: PreprocessingSpec): Promise<{ seconds: number; channel0: number[] }> {
  const t0 = performance.now();
  const recording = await readRecording(path);
  const channelsTsv = recording.channels.map((c) => ({ name: c.name, type: 'EEG', status: 'good' }));
  const result = runChain({ recording, channelsTsv, powerLineFrequency: 60, label: 'bench' }, spec);
  const seconds = (performance.now() - t0) / 1000;
  const ch0 = result.channels[0]!;
  return { seconds, channel0: spec.bands.map((b) => result.features.get(`power_${ch0}_${b.name}`)!) };
}

function mne(path: string): { seconds: number; peakMb: number; channel0: number[] } {
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'features_mne.py'), path, String(REPEATS)], { encoding: 'utf8', env });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-'));
  try {
    const path = join(dir, 'bench.edf');
    await writeBenchEdf(path, { channels: CHANNELS, rate: RATE, seconds: SECONDS, bdf: false });
    const float32Mb = (CHANNELS * RATE * SECONDS * 4) / 1024 ** 2;
    console.log(`Features: ${CHANNELS} channels × ${SECONDS / 60} min at ${RATE} Hz (${float32Mb.toFixed(1)} MB as float32; node ${process.version})`);
    const spec = benchSpec();
    const rss0 = process.memoryUsage().rss;
    let best = Infinity;
    let channel0: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const r = await ours(path, spec);
      best = Math.min(best, r.seconds);
      channel0 = r.channel0;
      if (i === 0) console.log(`  ours, first run (JIT warming): ${r.seconds.toFixed(2)} s`);
    }
    const peakMb = (process.resourceUsage().maxRSS * 1024 - rss0) / 1024 ** 2;
    const ref = mne(path);
    const diff = Math.max(...channel0.map((v, i) => Math.abs(v - ref.channel0[i]!)));
    console.log(
      `  ours ${best.toFixed(2)} s, MNE ${ref.seconds.toFixed(2)} s → ${(ref.seconds / best).toFixed(2)}× faster than MNE (target ≥ 3)\n` +
        `  peak memory growth: ours ${peakMb.toFixed(0)} MB = ${(peakMb / float32Mb).toFixed(2)}× the float32 recording (target < 4); MNE ${ref.peakMb.toFixed(0)} MB\n` +
        `  channel 0 relative band power, max |ours − MNE| = ${diff.toExponential(2)}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
