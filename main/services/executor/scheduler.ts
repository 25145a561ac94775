export interface QueuedAttempt {
  key: string;
  tags: readonly string[];
  start(): void;
}

/**
 * First come, first served, within two limits: a free worker, and for each tag a task
 * carries, fewer running attempts than that tag's limit. An attempt that a tag holds back
 * does not block the ones behind it.
 */
export class Scheduler {
  private queue: QueuedAttempt[] = [];
  /** Tags of the attempts that hold a worker now. */
  private readonly holding = new Map<string, readonly string[]>();

  constructor(
    private readonly hasWorker: () => boolean,
    private readonly limits: Readonly<Record<string, number>>,
  ) {}

  enqueue(attempt: QueuedAttempt): void {
    this.queue.push(attempt);
    this.dispatch();
  }

  /** Drops a queued attempt (its run was cancelled). */
  remove(key: string): void {
    this.queue = this.queue.filter((a) => a.key !== key);
  }

  /** The attempt no longer holds a worker: its tag slots free up. */
  release(key: string): void {
    this.holding.delete(key);
  }

  get queued(): number {
    return this.queue.length;
  }

  dispatch(): void {
    for (let i = 0; i < this.queue.length && this.hasWorker(); ) {
      const attempt = this.queue[i]!;
      if (!this.tagsAllow(attempt.tags)) {
        i += 1;
        continue;
      }
      this.queue.splice(i, 1);
      this.holding.set(attempt.key, attempt.tags);
      attempt.start();
    }
  }

  private tagsAllow(tags: readonly string[]): boolean {
    return tags.every((tag) => {
      const limit = this.limits[tag];
      if (limit === undefined) return true;
      let running = 0;
      for (const held of this.holding.values()) if (held.includes(tag)) running += 1;
      return running < limit;
    });
  }
}
