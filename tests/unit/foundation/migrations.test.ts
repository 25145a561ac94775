import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, closeDatabase } from '../../../main/db/database';
import { migrate, type Migration } from '../../../main/db/migrate';
import { migrations } from '../../../main/db/migrations';
import { tempDir } from '../../support/temp-dir';

const step = (version: number, sql: string): Migration => ({ version, name: `step-${version}`, up: (db) => db.exec(sql) });

describe('migrations', () => {
  it('the shipped list runs 1, 2, 3… and every table is STRICT', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
    const dir = tempDir();
    const { db } = openDatabase(path.join(dir, 'neuroops.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; strict: number }>;
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    closeDatabase(db);
  });

  it('runs only pending steps, and takes a backup before touching an existing database', () => {
    const dir = tempDir();
    const file = path.join(dir, 'test.db');
    const first = [step(1, 'CREATE TABLE a (x INTEGER) STRICT; INSERT INTO a VALUES (7);')];
    const { db, migration } = openDatabase(file, { migrations: first, backupDir: path.join(dir, 'backups') });
    expect(migration).toEqual({ from: 0, to: 1, backupPath: null });
    closeDatabase(db);

    const second = [...first, step(2, 'ALTER TABLE a ADD COLUMN y TEXT;'), step(3, 'UPDATE a SET y = \'done\';')];
    const reopened = openDatabase(file, { migrations: second, backupDir: path.join(dir, 'backups') });
    expect(reopened.migration.from).toBe(1);
    expect(reopened.migration.to).toBe(3);
    expect(reopened.db.prepare('SELECT x, y FROM a').get()).toEqual({ x: 7, y: 'done' });
    const backup = new Database(reopened.migration.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT x FROM a').get()).toEqual({ x: 7 });
    backup.close();
    closeDatabase(reopened.db);
  });

  it('rolls every pending step back when one fails', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'test.db'));
    const steps = [step(1, 'CREATE TABLE a (x INTEGER) STRICT;'), step(2, 'CREATE TABLE b (y INTEGER) STRICT;'), step(3, 'THIS IS NOT SQL')];
    expect(() => migrate(db, steps)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version, with a message that says what to do', () => {
    const dir = tempDir();
    const file = path.join(dir, 'test.db');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file, { migrations: [step(1, 'CREATE TABLE a (x INTEGER) STRICT;')] })).toThrow(
      expect.objectContaining({ code: 'DATABASE_TOO_NEW', message: expect.stringMatching(/newer NeuroOps.*schema 99.*--data-dir/s) }),
    );
    const untouched = new Database(file);
    expect(untouched.pragma('user_version', { simple: true })).toBe(99);
    untouched.close();
  });

  it('rejects a migration list with gaps', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [step(1, 'SELECT 1'), step(3, 'SELECT 1')])).toThrow(/expected 2/);
    db.close();
  });

  it('closing folds the WAL back into the database file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'neuroops.db');
    const { db } = openDatabase(file);
    closeDatabase(db);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });
});
