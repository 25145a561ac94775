import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { outsideAsar } from './asar-unpacked';
import { ClaimSlot } from './claim-slot';
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

type RunMessage = Extract<ToWorker, { type: 'run' }>;

interface PoolWorker {
  worker: Worker;
  /** It has loaded its registry: an attempt sent now starts at once. */
  ready: boolean;
  /** The attempt it is running, null when idle. */
  key: string | null;
  /** The attempt sent ahead, to start when the current one ends, unless it is taken back first. */
  next: { message: RunMessage; ticket: number } | null;
  claim: ClaimSlot;
  lastError: Error | null;
  /** Set when we stop it ourselves, and why. */
  stoppedBecause: string | null;
}

export interface PoolStats {
  size: number;
  live: number;
  busy: number;
  /** Attempts sent ahead to busy workers. */
  waiting: number;
  spawned: number;
  lost: number;
}

/**
 * Where the worker code is. From source (the CLI, tests) a small .mjs registers tsx and
 * imports the TypeScript entry; in the Electron bundle the entry is built next to main.js,
 * and an installed app starts it from app.asar.unpacked.
 */
function workerLaunch(registryUrl: string | undefined, claimBuffer: SharedArrayBuffer): { file: string; workerData: Record<string, unknown> } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) {
    return { file: path.join(dir, '../../../pipelines/ts-worker-bootstrap.mjs'), workerData: { entryUrl: pathToFileURL(path.join(dir, 'worker-entry.ts')).href, registryUrl, claimBuffer } };
  }
  return { file: outsideAsar(path.join(dir, 'executor-worker.js')), workerData: { registryUrl, claimBuffer } };
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
 *
 * When every worker is busy, each may be sent one attempt ahead, which it starts the moment
 * its current one ends: the main thread's bookkeeping for one attempt then overlaps the
 * worker's run of the one before, instead of the two taking turns. An attempt sent ahead is
 * taken back for any worker that falls idle (see ClaimSlot), so a short task never waits
 * behind a long one while a worker is free.
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
    if (this.workers.size < this.options.size) return true;
    for (const w of this.workers) if (w.key === null || (w.ready && w.next === null)) return true;
    return false;
  }

  /** Whether the next `run` would go ahead to a busy worker (no worker idle, none to start). */
  get nextGoesAhead(): boolean {
    return this.workers.size >= this.options.size && this.find((w) => w.key === null) === undefined;
  }

  /** Sends an attempt to an idle worker (starting one if the pool is not full), or else ahead to a busy one. */
  run(message: RunMessage): void {
    const idle = this.find((w) => w.key === null) ?? (this.workers.size < this.options.size ? this.spawn() : undefined);
    if (idle) return this.startOn(idle, message);
    const busy = this.find((w) => w.ready && w.next === null);
    if (!busy) throw new Error('executor: an attempt was dispatched with no worker free to take it');
    const ticket = busy.claim.offer();
    busy.next = { message, ticket };
    busy.worker.postMessage({ ...message, ticket } satisfies ToWorker);
  }

  /** Asks attempt `key` to stop; one still waiting for its worker is taken back and ends at once. */
  abort(key: string, reason: string): void {
    const waitingOn = this.find((w) => w.next?.message.key === key);
    if (waitingOn && this.takeBack(waitingOn)) {
      // Not synchronously: the caller is in the middle of its own state change.
      queueMicrotask(() => {
        this.listener.onMessage({ type: 'error', key, error: { name: 'AbortError', message: `${reason} (before it started)` } });
        this.listener.onFree();
      });
      return;
    }
    // Not taken back: its worker has started it, or runs it now.
    (this.holding(key) ?? waitingOn)?.worker.postMessage({ type: 'abort', key, reason } satisfies ToWorker);
  }

  /** Stops the worker if it is still on attempt `key` (the attempt ignored its abort signal). */
  terminateIfStillOn(key: string, reason: string): void {
    const pooled = this.holding(key);
    if (!pooled) return;
    pooled.stoppedBecause = reason;
    void pooled.worker.terminate();
  }

  stats(): PoolStats {
    let busy = 0;
    let waiting = 0;
    for (const w of this.workers) {
      if (w.key !== null) busy += 1;
      if (w.next !== null) waiting += 1;
    }
    return { size: this.options.size, live: this.workers.size, busy, waiting, spawned: this.spawned, lost: this.lost };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.workers];
    for (const pooled of all) pooled.stoppedBecause = 'NeuroOps stopped';
    await Promise.all(all.map((pooled) => pooled.worker.terminate()));
  }

  private find(test: (w: PoolWorker) => boolean): PoolWorker | undefined {
    for (const w of this.workers) if (test(w)) return w;
    return undefined;
  }

  private holding(key: string): PoolWorker | undefined {
    return this.find((w) => w.key === key);
  }

  private startOn(pooled: PoolWorker, message: RunMessage): void {
    pooled.key = message.key;
    pooled.worker.ref();
    pooled.worker.postMessage(message);
    if (pooled.ready) this.listener.onMessage({ type: 'started', key: message.key });
  }

  /** Takes back the attempt sent ahead to `pooled`; false if the worker has already started it. */
  private takeBack(pooled: PoolWorker): RunMessage | null {
    const next = pooled.next;
    if (!next || !pooled.claim.take(next.ticket)) return null;
    pooled.next = null;
    return next.message;
  }

  /** The worker's attempt `key` has settled: it moves on to the attempt sent ahead, or falls idle. */
  private settled(pooled: PoolWorker): void {
    const next = pooled.next;
    pooled.next = null;
    pooled.key = next?.message.key ?? null;
    if (next) {
      this.listener.onMessage({ type: 'started', key: next.message.key });
    } else {
      // Idle: an attempt waiting behind a busy worker comes here instead.
      const stolen = this.stealFor(pooled);
      if (stolen) this.startOn(pooled, stolen);
      else pooled.worker.unref();
    }
    this.listener.onFree();
  }

  private stealFor(idle: PoolWorker): RunMessage | null {
    for (const w of this.workers) {
      if (w === idle) continue;
      const message = this.takeBack(w);
      if (message) return message;
    }
    return null;
  }

  private spawn(): PoolWorker {
    const claim = new ClaimSlot();
    const launch = workerLaunch(this.options.registryUrl, claim.buffer);
    const worker = new Worker(launch.file, { workerData: launch.workerData, resourceLimits: this.options.resourceLimits });
    const pooled: PoolWorker = { worker, ready: false, key: null, next: null, claim, lastError: null, stoppedBecause: null };
    this.workers.add(pooled);
    this.spawned += 1;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        pooled.ready = true;
        // An attempt sent while it was loading starts now, and the next may be sent ahead.
        if (pooled.key) this.listener.onMessage({ type: 'started', key: pooled.key });
        this.listener.onFree();
        return;
      }
      // Only the attempt the worker runs now may settle it; a late message of an attempt
      // already given up still reaches the listener, which sets it aside by its key.
      this.listener.onMessage(message);
      if (isSettling(message) && pooled.key === message.key) this.settled(pooled);
    });
    worker.on('error', (error) => (pooled.lastError = error));
    worker.on('exit', (code) => {
      this.workers.delete(pooled);
      if (this.closed) return;
      this.lost += 1;
      if (pooled.key) this.listener.onLost(pooled.key, describeExit(pooled, code));
      const waiting = pooled.next;
      if (waiting) {
        // Never started: it goes to another worker. Started (its ticket gone): it died with this one.
        const message = this.takeBack(pooled);
        if (message) this.run(message);
        else this.listener.onLost(waiting.message.key, describeExit(pooled, code));
      }
      this.listener.onFree();
    });
    return pooled;
  }
}
