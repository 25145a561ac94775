/**
 * Time per feature family: `npx tsx bench/feature-families.bench.ts [--minutes N]`
 *
 * Generates one 19-channel (10-20), 250 Hz, 5-minute recording in memory (a 1/f-like
 * background, a posterior alpha rhythm, noise), then in the same run:
 * 1. runs the full default spec with every family switched on (channel space: the
 *    recording has 19 of the 58x25 filter's channels) and prints the time of each step
 *    and each family (single-threaded, our chain as the CLI runs it);
 * 2. times each family alone on the same generated signal cut into 5 s epochs (all
 *    kept), ours and the same computations in Python (bench/feature_families_py.py:
 *    MNE's filter_data, scipy.signal.coherence, numpy references; BLAS/OMP pinned to one
 *    thread), and prints the ratio. There is no target; the figures go in bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Recording } from '../pipelines/eeg/types';
import { familyFeatures } from '../pipelines/features/families';
import { runChain } from '../pipelines/preprocess/run-chain';
import { defaultSpec } from '../pipelines/preprocess/spec';
import type { EegState } from '../pipelines/preprocess/types';

const NAMES = ['FP1', 'FP2', 'F7', 'F3', 'FZ', 'F4', 'F8', 'T7', 'C3', 'CZ', 'C4', 'T8', 'P7', 'P3', 'PZ', 'P4', 'P8', 'O1', 'O2'];
const RATE = 250;
const minutesArg = process.argv.indexOf('--minutes');
const SECONDS = (minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 5) * 60;
const EPOCH = 5 * RATE;

function generate(): Float32Array[] {
  let seed = 20240601;
  const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  const n = RATE * SECONDS;
  return NAMES.map((name, c) => {
    const x = new Float32Array(n);
    const alpha = name.startsWith('O') || name.startsWith('P') ? 12 : 5;
    let brown = 0;
    for (let i = 0; i < n; i++) {
      brown = 0.985 * brown + rand() * 3;
      x[i] = brown + alpha * Math.sin((2 * Math.PI * 10 * i) / RATE + c / 7) + 3 * Math.sin((2 * Math.PI * 6 * i) / RATE) + rand() * 8;
    }
    return x;
  });
}

function recordingOf(data: Float32Array[]): Recording {
  const n = data[0]!.length;
  return {
    format: 'EDF', path: 'bench.edf', samplingRate: RATE, sampleCount: n, duration: n / RATE, startTime: null, annotations: [],
    channels: NAMES.map((name) => ({ name, type: 'EEG', unit: 'µV', fileUnit: 'uV', samplingRate: RATE, sampleCount: n })),
    segments: [{ startSample: 0, sampleCount: n, onset: 0 }], gaps: [], details: {}, data,
  };
}

function fullSpecTimes(data: Float32Array[]): Array<[string, number]> {
  const spec = defaultSpec();
  for (const f of spec.features) f.enabled = true;
  const times: Array<[string, number]> = [];
  let stage = '';
  let t = performance.now();
  const mark = (next: string): void => {
    const now = performance.now();
    if (stage) times.push([stage, (now - t) / 1000]);
    stage = next;
    t = now;
  };
  const result = runChain({ recording: recordingOf(data.map((x) => x.slice())), channelsTsv: [], powerLineFrequency: 60, label: 'bench' }, spec, (s) => mark(s));
  mark('');
  console.log(`  ${result.features.size} feature columns, ${result.quality.epochsKept}/${result.quality.epochsTotal} epochs kept`);
  return times;
}

function oursPerFamily(data: Float32Array[]): Record<string, number> {
  const spec = defaultSpec();
  const epochs = Math.floor(data[0]!.length / EPOCH);
  const state: EegState = {
    sfreq: RATE, channels: NAMES, data, scale: 1,
    epochs: { length: EPOCH, kept: Array.from({ length: epochs }, (_, e) => e * EPOCH), total: epochs, rejected: { amplitude: 0, trend: 0, kurtosis: 0, spectrum: 0 } },
  };
  const out: Record<string, number> = {};
  for (const family of spec.features) {
    const t = performance.now();
    familyFeatures(state, spec.bands, family, 'bench');
    out[family.name] = (performance.now() - t) / 1000;
  }
  return out;
}

async function main(): Promise<void> {
  const data = generate();
  console.log(`Feature families: ${NAMES.length} channels × ${SECONDS / 60} min at ${RATE} Hz (node ${process.version})`);
  console.log('1. The default spec with every family on (channel space), per stage:');
  for (const [stage, s] of fullSpecTimes(data)) console.log(`  ${stage.padEnd(20)} ${s.toFixed(2)} s`);

  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-'));
  try {
    const file = join(dir, 'signal.f32');
    const flat = new Float32Array(NAMES.length * data[0]!.length);
    data.forEach((x, c) => flat.set(x, c * x.length));
    await writeFile(file, Buffer.from(flat.buffer));
    oursPerFamily(data); // JIT warm-up
    const ours = oursPerFamily(data);
    const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'feature_families_py.py'), file, String(NAMES.length), String(RATE), String(EPOCH)], { encoding: 'utf8', env });
    const py = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
    console.log('2. Each family alone on the same signal in 5 s epochs, ours against Python (same run):');
    for (const [name, s] of Object.entries(ours)) {
      const ref = py[name];
      console.log(`  ${name.padEnd(10)} ours ${s.toFixed(2)} s` + (ref === undefined ? '' : `, Python ${ref.toFixed(2)} s → ${(ref / s).toFixed(1)}× faster`));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
