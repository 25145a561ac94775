import type { Db } from '../../db/database';
import type { RunReader } from './model-directory';
import { ModelRows } from './model-rows';
import { TransitionLog } from './transition-log';
import { VersionRows } from './version-rows';

/** What the registry's parts share: the database, its row readers, the tracker and the clock. */
export interface RegistryContext {
  db: Db;
  models: ModelRows;
  versions: VersionRows;
  log: TransitionLog;
  runs: RunReader;
  now(): number;
  /** Who acts when a caller does not say: the desktop's user. */
  defaultActor: string;
  /**
   * Runs `apply` in one IMMEDIATE transaction: the write lock is taken before anything is
   * read, so a check (who is in production?) and the change it guards cannot be split by
   * another writer, even one in another process (the CLI beside the app).
   */
  write<T>(apply: () => T): T;
}

export function createRegistryContext(db: Db, runs: RunReader, defaultActor: string, now: () => number = Date.now): RegistryContext {
  const versions = new VersionRows(db);
  return {
    db,
    versions,
    models: new ModelRows(db, versions),
    log: new TransitionLog(db),
    runs,
    now,
    defaultActor,
    write: (apply) => db.transaction(apply).immediate(),
  };
}
