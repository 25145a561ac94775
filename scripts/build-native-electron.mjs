// Builds better-sqlite3 for Electron's ABI into build/native/electron/, leaving the copy
// in node_modules built for Node. Tests and `neuroops serve` use the Node copy; the
// desktop app loads this one through better-sqlite3's `nativeBinding` option.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { currentTarget, writeStamp } from './native-stamp.mjs';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
const betterSqliteVersion = require('better-sqlite3/package.json').version;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-native-'));
const outDir = path.resolve('build', 'native', 'electron');

console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [path.dirname(process.execPath), process.cwd()] });
const result = spawnSync(
  process.execPath,
  [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
  { cwd: work, stdio: 'inherit' },
);
if (result.status !== 0) {
  console.error(
    "Could not build better-sqlite3 for Electron. It needs Electron's headers from electronjs.org and a C++ toolchain.\n" +
      'The headless app ("npm run serve") does not need this step.',
  );
  process.exit(result.status ?? 1);
}
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(outDir, 'better_sqlite3.node'));
writeStamp(outDir, currentTarget(electronVersion, betterSqliteVersion));
fs.rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${path.join(outDir, 'better_sqlite3.node')}`);
