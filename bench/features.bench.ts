/**
 * Feature extraction speed: `npx tsx bench/features.bench.ts [--minutes N]`
 *
 * Generates a 64-channel, 500 Hz, 10-minute EDF, then runs on the same file in the
 * same run: our chain (read, 60 Hz notch, 1–50 Hz band-pass, average reference,
 * 5 s epochs, Welch relative band power in the 8 bands) single-threaded, and MNE-Python
 * doing the same steps (bench/features_mne.py, OMP/BLAS threads pinned to 1).
 * Prints each one's best time, wall and CPU, the ratio (target ≥ 3× faster than MNE),
 * our peak memory growth against the recording's float32 size (target < 4×), the
 * largest difference between the two band-power results as a cross-check, and the
 * speed-up of the chain over several recordings on the executor's pool (target:
 * near-linear in the workers).
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import os from 'node:os';
import { closeDatabase, openDatabase } from '../main/db/database';
import { Executor } from '../main/services/executor/executor';
import type { PreprocessingSpec } from '../pipelines/preprocess/spec';
import { benchChain, benchSpec, registry } from './features-bench-flows';
import { writeBenchEdf } from './support/edf-file';

const CHANNELS = 64;
const RATE = 500;
const minutesArg = process.argv.indexOf('--minutes');
const SECONDS = (minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10) * 60;
const REPEATS = 3;
/** The pool part: recordings of this length, twice as many as workers. */
const POOL_SECONDS = 120;
const REGISTRY_URL = new URL('./features-bench-flows.ts', import.meta.url).href;

async function ours(path: string, spec: PreprocessingSpec): Promise<{ seconds: number; cpuSeconds: number; channel0: number[] }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { features, channel0 } = await benchChain(path);
  const c1 = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, cpuSeconds: (c1.user + c1.system) / 1e6, channel0: spec.bands.map((b) => features.get(`power_${channel0}_${b.name}`)!) };
}

function mne(path: string): { seconds: number; cpuSeconds: number; peakMb: number; channel0: number[] } {
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'features_mne.py'), path, String(REPEATS)], { encoding: 'utf8', env });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/**
 * Recordings across the executor's pool: 2 per worker, one after another and then all
 * at once, on a pool of one worker per core. The speed-up is the ratio of the two.
 */
async function poolSpeedUp(dir: string): Promise<void> {
  const workers = os.availableParallelism();
  const first = join(dir, 'pool-0.edf');
  await writeBenchEdf(first, { channels: CHANNELS, rate: RATE, seconds: POOL_SECONDS, bdf: false });
  const paths = [first];
  for (let i = 1; i < 2 * workers; i++) {
    paths.push(join(dir, `pool-${i}.edf`));
    await copyFile(first, paths[i]!);
  }
  const { db } = openDatabase(join(dir, 'neuroops.db'));
  const executor = new Executor({ db, registry, registryUrl: REGISTRY_URL, poolSize: workers });
  // Workers are threads of this process, so process.cpuUsage counts their CPU time too:
  // CPU seconds per wall second is how many cores the run actually got.
  const time = async (oneAtATime: boolean, files: string[]): Promise<{ wall: number; cpu: number }> => {
    const start = performance.now();
    const c0 = process.cpuUsage();
    const run = await executor.waitFor(executor.start('bench_features', { paths: files, oneAtATime }).flowRunId);
    if (run.state !== 'Completed') throw new Error(`bench flow ended ${run.state}: ${run.stateMessage}`);
    const c1 = process.cpuUsage(c0);
    return { wall: (performance.now() - start) / 1000, cpu: (c1.user + c1.system) / 1e6 };
  };
  try {
    await time(false, paths.slice(0, workers)); // start and warm every worker
    const serial = await time(true, paths);
    const pooled = await time(false, paths);
    console.log(
      `  pool of ${workers} workers, ${paths.length} recordings of ${POOL_SECONDS / 60} min: one at a time ${serial.wall.toFixed(2)} s, ` +
        `all at once ${pooled.wall.toFixed(2)} s → speed-up ${(serial.wall / pooled.wall).toFixed(2)}× (linear: ${workers}×)\n` +
        `  CPU: one at a time ${serial.cpu.toFixed(2)} s (${(serial.cpu / serial.wall).toFixed(2)} cores busy), ` +
        `all at once ${pooled.cpu.toFixed(2)} s (${(pooled.cpu / pooled.wall).toFixed(2)} cores busy; the same CPU seconds mean no work added by running together)`,
    );
  } finally {
    await executor.close();
    closeDatabase(db);
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-'));
  try {
    const path = join(dir, 'bench.edf');
    await writeBenchEdf(path, { channels: CHANNELS, rate: RATE, seconds: SECONDS, bdf: false });
    const float32Mb = (CHANNELS * RATE * SECONDS * 4) / 1024 ** 2;
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`Features: ${CHANNELS} channels × ${SECONDS / 60} min at ${RATE} Hz (${float32Mb.toFixed(1)} MB as float32; node ${process.version}; load average ${load})`);
    const spec = benchSpec();
    const rss0 = process.memoryUsage().rss;
    let best = { seconds: Infinity, cpuSeconds: Infinity };
    let channel0: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const r = await ours(path, spec);
      best = { seconds: Math.min(best.seconds, r.seconds), cpuSeconds: Math.min(best.cpuSeconds, r.cpuSeconds) };
      channel0 = r.channel0;
      if (i === 0) console.log(`  ours, first run (JIT warming): ${r.seconds.toFixed(2)} s`);
    }
    const peakMb = (process.resourceUsage().maxRSS * 1024 - rss0) / 1024 ** 2;
    const ref = mne(path);
    const diff = Math.max(...channel0.map((v, i) => Math.abs(v - ref.channel0[i]!)));
    console.log(
      `  wall: ours ${best.seconds.toFixed(2)} s, MNE ${ref.seconds.toFixed(2)} s → ${(ref.seconds / best.seconds).toFixed(2)}× faster than MNE (target ≥ 3)\n` +
        `  CPU:  ours ${best.cpuSeconds.toFixed(2)} s, MNE ${ref.cpuSeconds.toFixed(2)} s → ${(ref.cpuSeconds / best.cpuSeconds).toFixed(2)}× (the same work measured as CPU time, steadier on a loaded machine)\n` +
        `  peak memory growth: ours ${peakMb.toFixed(0)} MB = ${(peakMb / float32Mb).toFixed(2)}× the float32 recording (target < 4); MNE ${ref.peakMb.toFixed(0)} MB\n` +
        `  channel 0 relative band power, max |ours − MNE| = ${diff.toExponential(2)}`,
    );
    await poolSpeedUp(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
