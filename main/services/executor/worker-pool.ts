import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { isSettling, type FromWorker, type ToWorker } from './worker-protocol';

export interface PoolOptions {
  size: number;
  /** A registry module for workers to load instead of the shipped catalog (tests). */
  registryUrl?: string;
  resourceLimits?: ResourceLimits;
}

export interface PoolListener {
  onMessage(message: FromWorker): void;
  /** The worker running attempt `key` died before settling it. */
  onLost(key: string, reason: string): void;
  /** A worker is free (or a slot opened for a new one): the scheduler may dispatch. */
  onFree(): void;
}

interface PoolWorker {
  worker: Worker;
  /** It has loaded its registry: an attempt sent now starts at once. */
  ready: boolean;
  /** The attempt it is running, null when idle. */
  key: string | null;
  lastError: Error | null;
  /** Set when we stop it ourselves, and why. */
  stoppedBecause: string | null;
}

export interface PoolStats {
  size: number;
  live: number;
  busy: number;
  spawned: number;
  lost: number;
}

/**
 * Where the worker code is. From source (the CLI, tests) a small .mjs registers tsx and
 * imports the TypeScript entry; in the Electron bundle the entry is built next to main.js.
 */
function workerLaunch(registryUrl?: string): { file: string; workerData: Record<string, unknown> } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) {
    return { file: path.join(dir, 'worker-bootstrap.mjs'), workerData: { entryUrl: pathToFileURL(path.join(dir, 'worker-entry.ts')).href, registryUrl } };
  }
  return { file: path.join(dir, 'executor-worker.js'), workerData: { registryUrl } };
}

function describeExit(pooled: PoolWorker, exitCode: number): string {
  if (pooled.stoppedBecause) return pooled.stoppedBecause;
  const error = pooled.lastError as (Error & { code?: string }) | null;
  if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'the worker ran out of memory and was stopped';
  if (error) return `the worker crashed: ${error.stack ?? error.message}`;
  return `the worker exited unexpectedly with code ${exitCode}`;
}

/**
 * A fixed-size pool of worker threads, started on demand. A worker that dies (process.exit,
 * out of memory, terminated after a cancel) is dropped and the next dispatch starts a new
 * one in its place, so the pool keeps its size.
 */
export class WorkerPool {
  private readonly workers = new Set<PoolWorker>();
  private spawned = 0;
  private lost = 0;
  private closed = false;

  constructor(
    private readonly options: PoolOptions,
    private readonly listener: PoolListener,
  ) {}

  get size(): number {
    return this.options.size;
  }

  hasCapacity(): boolean {
    if (this.closed) return false;
    return this.workers.size < this.options.size || [...this.workers].some((w) => w.key === null);
  }

  /** Sends an attempt to an idle worker (starting one if the pool is not full). */
  run(message: Extract<ToWorker, { type: 'run' }>): void {
    const pooled = [...this.workers].find((w) => w.key === null) ?? this.spawn();
    pooled.key = message.key;
    pooled.worker.ref();
    pooled.worker.postMessage(message);
    if (pooled.ready) this.listener.onMessage({ type: 'started', key: message.key });
  }

  abort(key: string, reason: string): void {
    this.holding(key)?.worker.postMessage({ type: 'abort', key, reason } satisfies ToWorker);
  }

  /** Stops the worker if it is still on attempt `key` (the attempt ignored its abort signal). */
  terminateIfStillOn(key: string, reason: string): void {
    const pooled = this.holding(key);
    if (!pooled) return;
    pooled.stoppedBecause = reason;
    void pooled.worker.terminate();
  }

  stats(): PoolStats {
    const busy = [...this.workers].filter((w) => w.key !== null).length;
    return { size: this.options.size, live: this.workers.size, busy, spawned: this.spawned, lost: this.lost };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.workers];
    for (const pooled of all) pooled.stoppedBecause = 'NeuroOps stopped';
    await Promise.all(all.map((pooled) => pooled.worker.terminate()));
  }

  private holding(key: string): PoolWorker | undefined {
    return [...this.workers].find((w) => w.key === key);
  }

  private spawn(): PoolWorker {
    const launch = workerLaunch(this.options.registryUrl);
    const worker = new Worker(launch.file, { workerData: launch.workerData, resourceLimits: this.options.resourceLimits });
    const pooled: PoolWorker = { worker, ready: false, key: null, lastError: null, stoppedBecause: null };
    this.workers.add(pooled);
    this.spawned += 1;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        pooled.ready = true;
        // An attempt sent while it was loading starts now.
        if (pooled.key) this.listener.onMessage({ type: 'started', key: pooled.key });
        return;
      }
      // Only the attempt the worker runs now may settle it; a late message of an attempt
      // already given up still reaches the listener, which sets it aside by its key.
      this.listener.onMessage(message);
      if (isSettling(message) && pooled.key === message.key) {
        pooled.key = null;
        worker.unref();
        this.listener.onFree();
      }
    });
    worker.on('error', (error) => (pooled.lastError = error));
    worker.on('exit', (code) => {
      this.workers.delete(pooled);
      if (this.closed) return;
      this.lost += 1;
      if (pooled.key) this.listener.onLost(pooled.key, describeExit(pooled, code));
      this.listener.onFree();
    });
    return pooled;
  }
}
