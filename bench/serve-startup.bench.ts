/**
 * Server start-up: `npx tsx bench/serve-startup.bench.ts`
 *
 * Time from spawning a process to its first answered GET /api/health, measured in one run:
 *  - reference: a bare Node HTTP server (node:http, one handler), spawned and polled alike;
 *  - `neuroops serve` through bin/neuroops.mjs running the built CLI, on a fresh data folder
 *    (migrations run) and on one that exists (the usual start);
 *  - the same through tsx from the sources, as before the CLI was built.
 * The health check is polled every 5 ms on the port the process prints. Median of RUNS.
 * Target: under 0.5 s for the built server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'neuroops.mjs');
const TARGET_MS = 500;
const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('{"ok":true}')).listen(0, '127.0.0.1', function () { console.log('serving http://127.0.0.1:' + this.address().port + '/'); });`;

/** Spawns, waits for the printed URL, polls /api/health until it answers, stops the process. */
async function timeToHealth(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    for (;;) {
      const ok = await fetch(`${url}api/health`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'electron', 'cli.js'))) throw new Error('Build first: npm run build');
  const existing = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-serve-'));
  const serve = (dataDir: () => string) => () => [BIN, 'serve', '--port', '0', '--data-dir', dataDir()];
  const made = [existing];
  const fresh = () => (made.push(fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-serve-'))), made.at(-1)!);
  const cases: Array<[string, () => string[], NodeJS.ProcessEnv]> = [
    ['bare node:http server', () => ['-e', BARE_SERVER], {}],
    ['neuroops serve (built), existing data', serve(() => existing), { NEUROOPS_CLI: 'built' }],
    ['neuroops serve (built), new data folder', serve(fresh), { NEUROOPS_CLI: 'built' }],
    ['neuroops serve (tsx, sources), existing', serve(() => existing), { NEUROOPS_CLI: 'source' }],
  ];
  const times = new Map(cases.map(([name]) => [name, [] as number[]]));
  // Interleaved, so that a burst of load elsewhere touches every case alike.
  for (let i = 0; i < RUNS; i += 1) for (const [name, args, env] of cases) times.get(name)!.push(await timeToHealth(args(), env));
  const reference = median(times.get('bare node:http server')!);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${RUNS} starts each, spawn to first /api/health`);
  for (const [name] of cases) {
    const ms = median(times.get(name)!);
    const verdict = name.includes('(built)') ? `  target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'met' : 'NOT met'}` : '';
    console.log(`${name.padEnd(42)} ${ms.toFixed(0).padStart(6)} ms  = ${(ms / reference).toFixed(2)}× bare server${verdict}`);
  }
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
}

await main();
