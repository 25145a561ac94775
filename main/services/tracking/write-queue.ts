import type Database from 'better-sqlite3';
import type { Db } from '../../db/database';

/** Given to each write: work that must happen only once its transaction has committed. */
export interface WriteContext {
  /** Runs synchronously right after the commit, before any other write (e.g. unlinking a blob no row needs). */
  afterCommit(task: () => void): void;
}

interface PendingWrite {
  apply: (ctx: WriteContext) => unknown;
  afterCommit: Array<() => void>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The one writer. Every change to the tracker goes through `write`: writes that arrive
 * while the event loop is busy (parallel HTTP clients, worker messages) are applied
 * together in one transaction on the next turn, which is what makes many small writers
 * fast. Each write runs in its own savepoint, so a bad write fails alone and the others
 * in its batch still commit. A promise resolves only after its transaction commits: an
 * acknowledged write is on disk (WAL), never lost.
 */
export class WriteQueue {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private readonly commitBatch: Database.Transaction<(writes: PendingWrite[]) => Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>>;

  constructor(private readonly db: Db) {
    const inSavepoint = db.transaction((write: PendingWrite) =>
      write.apply({ afterCommit: (task) => write.afterCommit.push(task) }),
    );
    this.commitBatch = db.transaction((writes: PendingWrite[]) =>
      writes.map((write) => {
        try {
          return { ok: true as const, value: inSavepoint(write) };
        } catch (error) {
          // Some failures (SQLITE_FULL, an I/O error) make SQLite roll back the whole
          // transaction, not just this write's savepoint. The writes after it would then
          // commit one by one outside any transaction; fail the batch instead.
          if (!db.inTransaction) throw error;
          write.afterCommit = [];
          return { ok: false as const, error };
        }
      }),
    );
  }

  write<T>(apply: (ctx: WriteContext) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ apply, afterCommit: [], resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Applies everything queued so far now, in one transaction. */
  flush(): void {
    this.scheduled = false;
    const writes = this.pending;
    this.pending = [];
    if (writes.length === 0) return;
    let outcomes: ReturnType<typeof this.commitBatch.immediate>;
    try {
      // IMMEDIATE takes the write lock up front, so another process holding it makes us
      // wait (busy_timeout) instead of failing later with a stale read snapshot.
      outcomes = this.commitBatch.immediate(writes);
    } catch (error) {
      // The commit itself failed (disk full, another process holding the lock past the
      // busy timeout): nothing in this batch was written, and every caller hears so.
      for (const write of writes) write.reject(error);
      return;
    }
    for (const write of writes) {
      for (const task of write.afterCommit) {
        try {
          task();
        } catch (error) {
          console.error('a task after a tracking commit failed:', error);
        }
      }
    }
    outcomes.forEach((outcome, index) => {
      const write = writes[index]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }

  get size(): number {
    return this.pending.length;
  }
}
