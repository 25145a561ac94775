import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = path.join(REPO_ROOT, 'bin', 'neuroops.mjs');

export interface ServeProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Resolves with the exit code once the process ends, sending nothing. */
  exited: Promise<number | null>;
}

/** Starts `neuroops serve` exactly as a user would, on a free port and a fresh data folder (or the one given). */
export async function startServe(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}, options: { dataDir?: string } = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-e2e-'));
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`neuroops serve did not start:\n${output}`)), 60_000);
    const check = (): void => {
      const match = /serving (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`neuroops serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => output,
    exited,
    stop: async () => {
      // Only once: a second signal during shutdown is a forced stop by design.
      if (child.exitCode === null && child.signalCode === null && !child.killed) child.kill('SIGTERM');
      return exited;
    },
  };
}
