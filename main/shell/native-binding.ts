import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 compiled for Electron's ABI lives apart from the copy in node_modules,
 * which stays built for Node so tests and `neuroops serve` keep working.
 * `npm run native:electron` builds it; the installer ships it under resources/native/.
 */
export function electronSqliteBinding(): string {
  const candidates = app.isPackaged
    ? [path.join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node')];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(
      `The SQLite module built for Electron is missing (${candidates.join(', ')}). Run "npm run native:electron", then start again.`,
    );
  }
  return found;
}
