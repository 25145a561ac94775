import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../main/db/database';
import { lastDiskFullAt } from '../../../main/core/disk-full';
import { WriteBatcher } from '../../../main/services/executor/write-batcher';
import { tempDir } from '../../support/temp-dir';

let db: Db | undefined;
afterEach(() => {
  if (db) closeDatabase(db);
  db = undefined;
  vi.restoreAllMocks();
});

describe('executor writes on a full disk', () => {
  it('roll the batch back whole, say the disk is full, and let health know', () => {
    ({ db } = openDatabase(path.join(tempDir(), 'neuroops.db')));
    const open = db;
    open.exec('CREATE TABLE filler (data BLOB) STRICT');
    open.pragma(`max_page_count = ${open.pragma('page_count', { simple: true }) as number}`);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const committed = vi.fn();
    const batcher = new WriteBatcher(open);
    batcher.write(() => open.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(1024)));
    batcher.write(() => open.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(4 * 1024 * 1024)), committed);
    expect(lastDiskFullAt()).toBeNull();
    batcher.flush();
    expect(committed).not.toHaveBeenCalled();
    expect(open.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 0 });
    expect(lastDiskFullAt()).toEqual(expect.any(Number));
    expect(String(logged.mock.calls[0]?.[0])).toContain('Free some space');
    // Room again, so the database closes (and checkpoints) as usual.
    open.pragma('max_page_count = 4294967294');
  });
});
