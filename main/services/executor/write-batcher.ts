import type { Db } from '../../db/database';

/**
 * Every executor write goes through here. Writes queued during one turn of the event loop
 * (a burst of worker messages, a thousand task transitions) commit together in one
 * transaction on the next turn, which is what keeps the overhead per task small. A
 * transaction is all or nothing, so a process killed mid-flush leaves no half-written row.
 * `afterCommit` callbacks (events to the UI) run only once their write is on disk.
 */
export class WriteBatcher {
  private writes: Array<() => void> = [];
  private afterCommit: Array<() => void> = [];
  private scheduled = false;
  private readonly commit: (writes: Array<() => void>) => void;

  constructor(db: Db) {
    this.commit = db.transaction((writes: Array<() => void>) => {
      for (const write of writes) write();
    });
  }

  write(apply: () => void, afterCommit?: () => void): void {
    this.writes.push(apply);
    if (afterCommit) this.afterCommit.push(afterCommit);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits what is queued now. Called before reads and before acting on a worker's end. */
  flush(): void {
    this.scheduled = false;
    if (this.writes.length === 0) return;
    const writes = this.writes;
    const after = this.afterCommit;
    this.writes = [];
    this.afterCommit = [];
    // A failing write is a bug in our SQL, not bad input: say so loudly, keep the executor alive.
    try {
      this.commit(writes);
    } catch (error) {
      console.error('executor: a batch of writes failed and was rolled back:', error);
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
}
