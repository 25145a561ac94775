/** Runs a bench child process, counting its standard output, and returns the stats it reports on standard error. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ChildStats {
  code: number;
  /** The measured work, as timed inside the child. */
  ms: number;
  /** From spawn to exit, module loading included. */
  wallMs: number;
  peakRssBytes: number;
  startRssBytes: number;
  stdoutBytes: number;
}

/** `built`: the bundled command line (build it first); otherwise the sources through tsx. */
export async function runInspectChild(args: string[], cli: 'source' | 'built' = 'source'): Promise<ChildStats> {
  const script = join(import.meta.dirname, 'inspect-child.ts');
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEUROOPS_CLI: cli },
  });
  let stdoutBytes = 0;
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdoutBytes += b.length));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exit: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const wallMs = performance.now() - t0;
  const last = stderr.trim().split('\n').pop() ?? '';
  if (exit !== 0 || !last.startsWith('{')) throw new Error(`inspect ${args.join(' ')} failed (exit ${exit}): ${stderr.slice(-2000)}`);
  return { ...(JSON.parse(last) as Omit<ChildStats, 'wallMs' | 'stdoutBytes'>), wallMs, stdoutBytes };
}

export const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
