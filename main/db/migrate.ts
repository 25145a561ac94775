import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../core/app-error';

export interface Migration {
  /** 1, 2, 3, … with no gaps: the value `PRAGMA user_version` takes once it has run. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export interface MigrationOutcome {
  from: number;
  to: number;
  backupPath: string | null;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version}, expected ${index + 1}: versions must run 1, 2, 3… with no gaps`);
    }
  });
}

/**
 * Brings the database to the newest schema. A database written by a newer app is refused
 * (never downgraded), a copy is taken before any step touches existing data, and all
 * pending steps run in one transaction so a failure leaves the file as it was.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  options: { backupDir?: string } = {},
): MigrationOutcome {
  checkOrder(migrations);
  const from = db.pragma('user_version', { simple: true }) as number;
  const to = latestVersion(migrations);
  if (from > to) {
    throw new AppError(
      'DATABASE_TOO_NEW',
      `This data folder was written by a newer NeuroOps (database schema ${from}; this version knows up to ${to}). ` +
        'Update NeuroOps, or choose another data folder with --data-dir.',
    );
  }
  if (from === to) return { from, to, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.backupDir) {
    fs.mkdirSync(options.backupDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    backupPath = path.join(options.backupDir, `neuroops-schema${from}-${stamp}.db`);
    db.prepare('VACUUM INTO ?').run(backupPath);
  }

  const pending = migrations.filter((m) => m.version > from);
  db.transaction(() => {
    for (const step of pending) {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
  })();
  return { from, to, backupPath };
}
