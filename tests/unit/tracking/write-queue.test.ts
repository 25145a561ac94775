import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { WriteQueue } from '../../../main/services/tracking/write-queue';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (v INTEGER NOT NULL UNIQUE)');
});
afterEach(() => db.close());

describe('WriteQueue', () => {
  it('applies writes queued in one turn together, in order, in one transaction', async () => {
    const queue = new WriteQueue(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.all([1, 2, 3].map((v) => queue.write(() => insert.run(v).changes)));
    expect(results).toEqual([1, 1, 1]);
    expect(db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all()).toEqual([1, 2, 3]);
  });

  it('fails one bad write alone and commits the rest of its batch', async () => {
    const queue = new WriteQueue(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const outcomes = await Promise.allSettled([
      queue.write(() => insert.run(1)),
      queue.write(() => {
        insert.run(2);
        insert.run(1); // violates UNIQUE: this write's own insert of 2 must roll back too
      }),
      queue.write(() => insert.run(3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 3]);
  });

  it('resolves only once the write is committed', async () => {
    const queue = new WriteQueue(db);
    let seenInside = -1;
    const done = queue.write(() => {
      db.prepare('INSERT INTO t (v) VALUES (7)').run();
      seenInside = db.inTransaction ? 1 : 0;
    });
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    await done;
    expect(seenInside).toBe(1);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  });

  it('runs after-commit tasks only for writes that committed', async () => {
    const queue = new WriteQueue(db);
    const ran: string[] = [];
    await Promise.allSettled([
      queue.write((ctx) => ctx.afterCommit(() => ran.push('good'))),
      queue.write((ctx) => {
        ctx.afterCommit(() => ran.push('bad'));
        throw new Error('no');
      }),
    ]);
    expect(ran).toEqual(['good']);
  });

  it('flushes on demand', () => {
    const queue = new WriteQueue(db);
    void queue.write(() => db.prepare('INSERT INTO t (v) VALUES (1)').run());
    expect(queue.size).toBe(1);
    queue.flush();
    expect(queue.size).toBe(0);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  });
});
