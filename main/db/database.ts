import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../core/app-error';
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
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw damaged(file, error, options.backupDir);
  }
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
    throw damaged(file, error, options.backupDir);
  }
}

const DAMAGE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * A file that SQLite cannot read as a database is left exactly as it is (it may be all
 * there is of someone's work): the error says what it found and what to do.
 */
function damaged(file: string, error: unknown, backupDir: string | undefined): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !DAMAGE_CODES.has(code)) return error;
  const restore = backupDir ? `restore the newest copy from ${backupDir} (if any) in its place, or ` : '';
  return new AppError(
    'DATABASE_CORRUPT',
    `The database ${file} is damaged (${(error as Error).message}); it was not changed. Stop every NeuroOps using it, then ${restore}move it aside to start with an empty one (e.g. mv ${file} ${file}.damaged).`,
  );
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
