/**
 * Command-line start-up: `npx tsx bench/cli-startup.bench.ts`
 *
 * Wall time of whole processes, as a user meets them, measured in one run:
 *  - reference: `node -e 0`, Node starting and exiting with nothing to do;
 *  - `neuroops --help` and `neuroops runs list` (on a data folder of 200 runs), through
 *    bin/neuroops.mjs running the built CLI (dist/electron/cli.js, made by `npm run build`
 *    or `npm ci`), and the same through tsx from the sources, as before the CLI was built.
 * Each is run RUNS times in turn; the median is reported. Target: under 0.3 s for both.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../main/app/core';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'neuroops.mjs');
const TARGET_MS = 300;

async function dataFolderWithRuns(count: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-cli-'));
  const core = await createCore({ dataDir: dir });
  const tracking = core.services.tracking;
  const experimentId = await tracking.createExperiment({ name: 'bench' });
  for (let i = 0; i < count; i += 1) {
    const run = await tracking.createRun({ experimentId, runName: `run-${i}` });
    await tracking.logBatch(run.runId, { params: [{ key: 'lr', value: String(i / 1000) }], metrics: [{ key: 'acc', value: i / count, timestamp: Date.now(), step: 0 }] });
  }
  await core.close();
  return dir;
}

function wallMs(args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'electron', 'cli.js'))) throw new Error('Build the CLI first: npm run build:electron');
  const dataDir = await dataFolderWithRuns(200);
  const cases: Array<[string, string[], NodeJS.ProcessEnv]> = [
    ['node -e 0', ['-e', '0'], {}],
    ['neuroops --help (built)', [BIN, '--help'], { NEUROOPS_CLI: 'built' }],
    ['neuroops runs list (built)', [BIN, 'runs', 'list', '--data-dir', dataDir], { NEUROOPS_CLI: 'built' }],
    ['neuroops --help (tsx, sources)', [BIN, '--help'], { NEUROOPS_CLI: 'source' }],
    ['neuroops runs list (tsx, sources)', [BIN, 'runs', 'list', '--data-dir', dataDir], { NEUROOPS_CLI: 'source' }],
  ];
  const times = new Map(cases.map(([name]) => [name, [] as number[]]));
  // Interleaved, so that a burst of load elsewhere touches every case alike.
  for (let i = 0; i < RUNS; i += 1) for (const [name, args, env] of cases) times.get(name)!.push(wallMs(args, env));
  const reference = median(times.get('node -e 0')!);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${RUNS} runs each`);
  for (const [name] of cases) {
    const ms = median(times.get(name)!);
    const verdict = name.includes('(built)') ? (ms < TARGET_MS ? `  target < ${TARGET_MS} ms: met` : `  target < ${TARGET_MS} ms: NOT met`) : '';
    console.log(`${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  = ${(ms / reference).toFixed(2)}× node -e 0${verdict}`);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
