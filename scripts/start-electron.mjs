// `npm start`: launches the desktop app from the build in dist/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

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
if (!existsSync('build/native/electron/better_sqlite3.node')) {
  const built = spawnSync(process.execPath, ['scripts/build-native-electron.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(electronBinary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
