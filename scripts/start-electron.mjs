// `npm start`: launches the desktop app from the build in dist/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { currentTarget, rebuildReason } from './native-stamp.mjs';

const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = undefined;
}
if (!electronBinary || !existsSync(electronBinary)) {
  console.error(
    "Electron's binary is not installed here (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or could not be downloaded).\n" +
      'Run the headless app instead with "npm run serve", or reinstall with network access to get the desktop app.',
  );
  process.exit(1);
}
// Rebuilt whenever Electron (or better-sqlite3) changed since the last build: a module
// for another ABI would fail to load, or worse, load and crash.
const target = currentTarget(require('electron/package.json').version, require('better-sqlite3/package.json').version);
const reason = rebuildReason('build/native/electron', target);
if (reason) {
  console.log(`Building SQLite for Electron ${target.electron}: ${reason}.`);
  const built = spawnSync(process.execPath, ['scripts/build-native-electron.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(electronBinary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
