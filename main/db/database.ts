import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration, type MigrationOutcome } from './migrate';
import { migrations as allMigrations } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Compiled better-sqlite3 addon to load instead of the one in node_modules (Electron's ABI). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  backupDir?: string;
}

/**
 * Opens (creating if needed) the NeuroOps database: WAL so readers never block the
 * writer, a busy timeout so a second process waits instead of failing, foreign keys on.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): { db: Db; migration: MigrationOutcome } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    // Savepoint journals (the tracker runs each write of a batch in its own savepoint) in
    // memory rather than in temporary files: about half of what creating a run cost.
    db.pragma('temp_store = MEMORY');
    const migration = migrate(db, options.migrations ?? allMigrations, { backupDir: options.backupDir });
    return { db, migration };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Folds the WAL back into the main file so a stopped app leaves one consistent file. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
