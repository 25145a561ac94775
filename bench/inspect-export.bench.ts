/**
 * Full-range sample output: `npx tsx bench/inspect-export.bench.ts`
 *
 * Writes a 64-channel × 10-minute recording at 500 Hz as EDF (38 MB) and BDF
 * (58 MB), then runs `neuroops inspect FILE --data 0:300000` with
 * `--format json`, `npy` and `csv`, each in a fresh process whose standard
 * output the bench reads and discards (as a pipe to another program would).
 * The command runs as installed: the bundled command line, which the bench
 * builds first (JSON and CSV text is made on worker threads, one per core);
 * `--source` runs the TypeScript sources through tsx instead.
 * For each: the command's time (module loading excluded; the total wall time
 * beside it) and the child's peak RSS, against the recording's Float32 size
 * (64 × 300,000 × 4 bytes = 76.8 MB). Reference in the same run: a fresh
 * process reading the whole recording into memory (readRecording).
 * Targets: under 2 s, and a peak RSS under 3× the Float32 size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mb, runInspectChild } from './support/child-stats';
import { writeBenchEdf } from './support/edf-file';

const SPEC = { channels: 64, rate: 500, seconds: 600 };
const SAMPLES = SPEC.rate * SPEC.seconds;
const FLOAT32_BYTES = SPEC.channels * SAMPLES * 4;

const cli = process.argv.includes('--source') ? 'source' : 'built';

function buildCli(): void {
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.main.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the command line failed');
}

async function main(): Promise<void> {
  if (cli === 'built') buildCli();
  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-export-'));
  try {
    console.log(`inspect --data 0:${SAMPLES}: ${SPEC.channels} channels × ${SPEC.seconds / 60} min at ${SPEC.rate} Hz; Float32 size ${mb(FLOAT32_BYTES)}; ${cli} command line (node ${process.version})`);
    for (const kind of ['EDF', 'BDF'] as const) {
      const file = join(dir, `bench.${kind.toLowerCase()}`);
      await writeBenchEdf(file, { ...SPEC, bdf: kind === 'BDF' });
      const size = (await stat(file)).size;
      const read = await runInspectChild(['--read-only', file]);
      console.log(`${kind} ${mb(size)}: reference, a fresh process reading it all (readRecording): ${read.ms.toFixed(0)} ms, peak RSS ${mb(read.peakRssBytes)} (${(read.peakRssBytes / FLOAT32_BYTES).toFixed(2)}× Float32)`);
      for (const format of ['json', 'npy', 'csv'] as const) {
        const r = await runInspectChild(['inspect', file, '--data', `0:${SAMPLES}`, '--format', format], cli);
        console.log(
          `  --format ${format.padEnd(4)}: ${r.ms.toFixed(0)} ms (${(r.ms / read.ms).toFixed(1)}× the read; wall ${r.wallMs.toFixed(0)} ms with start-up), ` +
          `output ${mb(r.stdoutBytes)}, peak RSS ${mb(r.peakRssBytes)} = ${(r.peakRssBytes / FLOAT32_BYTES).toFixed(2)}× Float32 ` +
          `(process before the command: ${mb(r.startRssBytes)}) → time target < 2 s: ${r.ms < 2000 ? 'met' : 'NOT met'}; memory < 3×: ${r.peakRssBytes < 3 * FLOAT32_BYTES ? 'met' : 'NOT met'}`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
