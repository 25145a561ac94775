import type { RunTracker, TrackedBatch, TrackedStatus } from './run-tracker';
import { BATCH_WINDOW_MS } from './write-batcher';

type KeyValue = { key: string; value: string };
type MetricPoint = NonNullable<TrackedBatch['metrics']>[number];

// MLflow's per-request limits for log-batch.
const MAX_PARAMS = 100;
const MAX_TAGS = 100;
const MAX_METRICS = 1000;

interface Pending {
  params: KeyValue[];
  tags: KeyValue[];
  metrics: MetricPoint[];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Params, tags and metrics from workers, gathered per tracked run and sent as few batches
 * as MLflow's limits allow, and the ends of tracked runs: what a few milliseconds gather is
 * sent in one go, so the tracker writes it in one transaction instead of one per task. Params are immutable in MLflow, and a retried attempt logs its
 * params again: a repeat with the same value is dropped here, a changed one is reported.
 */
export class TrackingBuffer {
  private pending = new Map<string, Pending>();
  private ends: Array<{ runId: string; status: TrackedStatus; endTime: number; done: () => void }> = [];
  private readonly params = new Map<string, Map<string, string>>();
  private scheduled = false;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly tracker: RunTracker,
    private readonly onError: (runId: string, message: string) => void,
  ) {}

  param(runId: string, key: string, value: string): void {
    const known = this.params.get(runId) ?? new Map<string, string>();
    this.params.set(runId, known);
    const previous = known.get(key);
    if (previous === value) return;
    if (previous !== undefined) {
      this.onError(runId, `param "${key}" was already logged as "${previous}"; the new value "${value}" is not kept (params cannot change; log a tag or metric instead)`);
      return;
    }
    known.set(key, value);
    this.entry(runId).params.push({ key, value });
  }

  tag(runId: string, key: string, value: string): void {
    this.entry(runId).tags.push({ key, value });
  }

  metric(runId: string, point: MetricPoint): void {
    this.entry(runId).metrics.push(point);
  }

  /** Artifacts go at once (they can be large); `flush` still waits for them, so a run never ends before its files are stored. */
  artifact(runId: string, path: string, data: Uint8Array): void {
    this.send(() => this.tracker.logArtifact(runId, path, data), runId, `could not store artifact ${path}`);
  }

  /** Ends a tracked run after everything gathered for it; resolves once that is written. */
  end(runId: string, status: TrackedStatus, endTime: number): Promise<void> {
    return new Promise((done) => {
      this.ends.push({ runId, status, endTime, done });
      this.schedule();
    });
  }

  /** Sends everything gathered; resolves once it (and anything sent before) has been written. */
  async flush(): Promise<void> {
    this.scheduled = false;
    const pending = this.pending;
    const ends = this.ends;
    this.pending = new Map();
    this.ends = [];
    for (const [runId, batch] of pending) {
      const requests = [
        ...chunks(batch.params, MAX_PARAMS).map((params) => ({ params })),
        ...chunks(batch.tags, MAX_TAGS).map((tags) => ({ tags })),
        ...chunks(batch.metrics, MAX_METRICS).map((metrics) => ({ metrics })),
      ];
      for (const request of requests) this.send(() => this.tracker.logBatch(runId, request), runId, 'could not log');
    }
    // A run ends only once everything sent before has been written (artifacts stream to disk
    // first); the ends then go together, so the tracker commits them in one transaction.
    const before = Promise.allSettled([...this.inFlight]);
    for (const end of ends) {
      this.params.delete(end.runId);
      const ended = async (): Promise<void> => {
        await before;
        await this.tracker.endRun(end.runId, end.status, end.endTime);
      };
      this.send(() => ended().finally(end.done), end.runId, 'could not end the tracked run');
    }
    await Promise.all([...this.inFlight]);
  }

  private send(call: () => Promise<unknown>, runId: string, what: string): void {
    const sent: Promise<void> = call()
      .then(() => undefined)
      .catch((error: Error) => this.onError(runId, `${what}: ${error.message}`))
      .finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
  }

  private entry(runId: string): Pending {
    let batch = this.pending.get(runId);
    if (!batch) {
      batch = { params: [], tags: [], metrics: [] };
      this.pending.set(runId, batch);
    }
    this.schedule();
    return batch;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
  }
}
