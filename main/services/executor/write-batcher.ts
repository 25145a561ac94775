import type { Db } from '../../db/database';
import { DISK_FULL_MESSAGE, isDiskFullError, recordDiskFull } from '../../core/disk-full';

/** How long writes gather before they commit together. Short enough that nobody sees it. */
export const BATCH_WINDOW_MS = 10;

/**
 * Every executor write goes through here. Writes queued within a few milliseconds (a burst
 * of worker messages, a thousand task transitions) commit together in one transaction,
 * which is what keeps the overhead per task small: a commit costs far more than a row. A
 * transaction is all or nothing, so a process killed mid-flush leaves no half-written row.
 * `afterCommit` callbacks (events to the UI) run only once their write is on disk.
 */
export class WriteBatcher {
  private writes: Array<() => void> = [];
  private afterCommit: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly commit: (writes: Array<() => void>) => void;

  constructor(
    db: Db,
    private readonly windowMs = BATCH_WINDOW_MS,
  ) {
    this.commit = db.transaction((writes: Array<() => void>) => {
      for (const write of writes) write();
    });
  }

  write(apply: () => void, afterCommit?: () => void): void {
    this.writes.push(apply);
    if (afterCommit) this.afterCommit.push(afterCommit);
    this.schedule();
  }

  /** Runs `task` after the next commit. */
  afterNextCommit(task: () => void): void {
    this.afterCommit.push(task);
    this.schedule();
  }

  /** Commits what is queued now. Called before reads and when a run ends. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const writes = this.writes;
    const after = this.afterCommit;
    this.writes = [];
    this.afterCommit = [];
    // A failing write is a bug in our SQL or a full disk, not bad input: say so loudly, keep
    // the executor alive, and let system.health report a full disk.
    try {
      if (writes.length > 0) this.commit(writes);
    } catch (error) {
      if (isDiskFullError(error)) {
        recordDiskFull();
        console.error(`executor: a batch of writes was rolled back. ${DISK_FULL_MESSAGE}`);
      } else {
        console.error('executor: a batch of writes failed and was rolled back:', error);
      }
      return;
    }
    for (const task of after) {
      try {
        task();
      } catch (error) {
        console.error('executor: a listener after a commit failed:', error);
      }
    }
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }
}
