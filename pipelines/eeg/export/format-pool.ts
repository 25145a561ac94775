/**
 * Worker threads that format blocks of samples as text, so that a full-range
 * export uses every core: finding the shortest text of 19 million Float32
 * values is most of the time a JSON or CSV export takes, and the blocks are
 * independent. Results come back in the order the blocks were sent.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { formatJob, jobBuffers } from './value-text';
import type { TextJob } from './value-text';

/** The worker's file: from source, the TypeScript entry started through the tsx bootstrap. */
function workerLaunch(): { file: string; workerData: { entryUrl?: string } } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) {
    return { file: path.join(dir, '../../ts-worker-bootstrap.mjs'), workerData: { entryUrl: pathToFileURL(path.join(dir, 'format-worker.ts')).href } };
  }
  // The bundle builds the worker beside its chunks (vite.main.config.ts).
  return { file: path.join(dir, 'export-format-worker.js'), workerData: {} };
}

interface Waiting {
  resolve: (text: Uint8Array) => void;
  reject: (error: Error) => void;
}

export class FormatPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(size: number) {
    const launch = workerLaunch();
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(launch.file, { workerData: launch.workerData });
      worker.on('message', (m: { id: number; text?: Uint8Array; error?: string }) => {
        const waiting = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.text) waiting?.resolve(m.text);
        else waiting?.reject(new Error(`formatting samples failed: ${m.error}`));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a formatting worker stopped (exit code ${code})`));
      });
      return worker;
    });
  }

  /** As many workers as the machine has cores, when it has more than one; otherwise null (format inline). */
  static forMachine(): FormatPool | null {
    const cores = availableParallelism();
    return cores > 1 ? FormatPool.withWorkers(Math.min(cores, 8)) : null;
  }

  static withWorkers(count: number): FormatPool {
    return new FormatPool(count);
  }

  get size(): number {
    return this.workers.length;
  }

  /** The job's text. Its input arrays are handed over to the worker: the caller must not use them again. */
  format(job: TextJob): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<Uint8Array>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.workers[id % this.workers.length]!.postMessage({ id, job }, jobBuffers(job));
    return promise;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}

/** Formats on the pool, or on this thread when there is none. */
export function formatOn(pool: FormatPool | null, job: TextJob): Promise<Uint8Array> {
  return pool ? pool.format(job) : Promise.resolve(formatJob(job));
}
