// What build/native/electron/better_sqlite3.node was built for. Electron changes its
// native ABI with most major releases, and better-sqlite3's C++ changes with its own, so
// a module built for other versions must be rebuilt, not loaded.
import fs from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = 'better_sqlite3.built-for.json';

/** The versions a build is for: Electron, better-sqlite3, and the platform and CPU. */
export function currentTarget(electronVersion, betterSqliteVersion) {
  return { electron: electronVersion, betterSqlite3: betterSqliteVersion, platform: process.platform, arch: process.arch };
}

export function writeStamp(dir, target) {
  fs.writeFileSync(path.join(dir, STAMP_FILE), `${JSON.stringify(target, null, 2)}\n`);
}

/** Why the module in `dir` must be (re)built for `target`, or null when it is current. */
export function rebuildReason(dir, target) {
  if (!fs.existsSync(path.join(dir, 'better_sqlite3.node'))) return 'it has not been built yet';
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8'));
  } catch {
    return 'it does not record which Electron it was built for';
  }
  for (const key of Object.keys(target)) {
    if (stamp[key] !== target[key]) return `it was built for ${key} ${stamp[key] ?? 'unknown'}, and this is ${target[key]}`;
  }
  return null;
}
