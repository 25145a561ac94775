/**
 * FastICA + wICA against MNE's ICA (method='fastica') on the same recording in
 * the same run.
 *
 *   npx tsx bench/ica.bench.ts [MINUTES] [CHANNELS] [SFREQ]
 *
 * Recording (default 10 min, 64 channels, 500 Hz), seeded: as many sources as
 * channels (Laplace noise, uniform noise, drifting sines, blinks and spikes over
 * a little Gaussian noise), mixed by a random matrix, float32 µV. Ours: FastICA
 * (parallel, logcosh, tol 1e-4, at most 1000 iterations, as MNE's defaults)
 * then wICA on 5 s epochs and the back-projection. MNE: ICA(method='fastica')
 * .fit on the same samples, single-threaded (OMP/OpenBLAS/MKL threads = 1).
 * Prints wall and CPU times (ours process.cpuUsage, MNE time.process_time),
 * the iteration counts and the ratios; the target is ours ≤ 1 × MNE's. On a
 * loaded machine the CPU-time ratio is the one to read: wall times stretch
 * unevenly with the other work.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastIca } from '../pipelines/artifacts/fastica';
import { wicaBackProjected } from '../pipelines/artifacts/remove-artifacts';
import { NumpyRandomState } from '../pipelines/artifacts/numpy-random';

const MINUTES = Number(process.argv[2] ?? 10);
const CHANNELS = Number(process.argv[3] ?? 64);
const SFREQ = Number(process.argv[4] ?? 500);
const N = Math.round(MINUTES * 60 * SFREQ);

function recording(): Float32Array[] {
  const rng = new NumpyRandomState(2026);
  const sources = Array.from({ length: CHANNELS }, (_, s) => {
    const y = new Float64Array(N);
    const kind = s % 4;
    const f = 1 + rng.nextDouble() * 30;
    let phase = rng.nextDouble() * 2 * Math.PI;
    for (let t = 0; t < N; t++) {
      const u = rng.nextDouble();
      if (kind === 0) y[t] = (u < 0.5 ? 1 : -1) * Math.log(1 - Math.abs(2 * u - 1) + 1e-300) * 0.7;
      else if (kind === 1) y[t] = (u - 0.5) * 3.4;
      else if (kind === 2) {
        phase += (2 * Math.PI * f) / SFREQ + (u - 0.5) * 0.05;
        y[t] = Math.sin(phase) * 1.4;
      } else y[t] = rng.nextGauss() * 0.3 + (t % Math.round(SFREQ * (3 + s / 20)) < SFREQ / 4 ? 4 * Math.sin((Math.PI * (t % Math.round(SFREQ * (3 + s / 20)))) / (SFREQ / 4)) : 0);
    }
    return y;
  });
  const mixing = rng.normal(CHANNELS * CHANNELS);
  return Array.from({ length: CHANNELS }, (_, ch) => {
    const x = new Float32Array(N);
    for (let s = 0; s < CHANNELS; s++) {
      const a = 10 * mixing[ch * CHANNELS + s]!;
      const y = sources[s]!;
      for (let t = 0; t < N; t++) x[t] = x[t]! + a * y[t]!;
    }
    return x;
  });
}

const data = recording();
const dir = mkdtempSync(join(tmpdir(), 'ica-bench-'));
const file = join(dir, 'recording.f32');
const flat = new Float32Array(CHANNELS * N);
data.forEach((x, ch) => flat.set(x, ch * N));
writeFileSync(file, Buffer.from(flat.buffer));

/** CPU seconds (user + system) of this process since `from`. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};

const start = performance.now();
const cpuStart = process.cpuUsage();
const ica = fastIca(data, { algorithm: 'parallel', nComponents: null, tol: 1e-4, maxIter: 1000, alpha: 1, seed: 0 });
const icaSeconds = (performance.now() - start) / 1000;
const icaCpu = cpuSince(cpuStart);
const wica = wicaBackProjected(data, ica, { epochLength: 5 * SFREQ, k: 4, maxLevel: 6 });
const ours = (performance.now() - start) / 1000;
const oursCpu = cpuSince(cpuStart);

const threads = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
const mne = JSON.parse(
  execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'ica_mne.py'), file, String(CHANNELS), String(SFREQ)], {
    env: { ...process.env, ...threads },
    encoding: 'utf8',
  }),
) as { seconds: number; cpuSeconds: number; nIter: number; nComponents: number };
rmSync(dir, { recursive: true, force: true });

console.log(`ICA, ${CHANNELS} channels, ${SFREQ} Hz, ${MINUTES} min (${N} samples), single-threaded`);
console.log(
  `  NeuroOps FastICA + wICA: ${ours.toFixed(2)} s = FastICA ${icaSeconds.toFixed(2)} s (${ica.nIter} iterations, ${ica.nComponents} components) ` +
    `+ wICA ${(ours - icaSeconds).toFixed(2)} s (${wica.componentsTouched} components touched in ${wica.epochsTouched} of ${wica.epochs} epochs)`,
);
console.log(`  CPU: FastICA + wICA ${oursCpu.toFixed(2)} s = FastICA ${icaCpu.toFixed(2)} s + wICA ${(oursCpu - icaCpu).toFixed(2)} s`);
console.log(`  MNE ICA(method='fastica'): ${mne.seconds.toFixed(2)} s, CPU ${mne.cpuSeconds.toFixed(2)} s (${mne.nIter} iterations, ${mne.nComponents} components)`);
console.log(`  wall: ratio ${(ours / mne.seconds).toFixed(2)} × MNE (target ≤ 1); FastICA alone ${(icaSeconds / mne.seconds).toFixed(2)} ×`);
console.log(`  CPU:  ratio ${(oursCpu / mne.cpuSeconds).toFixed(2)} × MNE (target ≤ 1); FastICA alone ${(icaCpu / mne.cpuSeconds).toFixed(2)} ×`);
