// Runs after `npm ci`/`npm install` in this checkout:
// 1. links our own `neuroops` bin into node_modules/.bin (npm links only dependencies'
//    bins there), so npm scripts and shells with node_modules/.bin on PATH can call
//    `neuroops` directly; `npx neuroops` runs the same file;
// 2. builds the renderer, so that `npx neuroops serve` serves a working interface, and the
//    main bundle, whose cli.js bin/neuroops.mjs runs (in a blink, unlike the sources via tsx).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function linkOwnBin() {
  const binDir = path.join('node_modules', '.bin');
  fs.mkdirSync(binDir, { recursive: true });
  const target = path.resolve('bin', 'neuroops.mjs');
  const link = path.join(binDir, 'neuroops');
  fs.rmSync(link, { force: true });
  if (process.platform === 'win32') {
    fs.writeFileSync(`${link}.cmd`, `@node "${target}" %*\r\n`);
  } else {
    fs.symlinkSync(path.relative(binDir, target), link);
  }
}

linkOwnBin();
if (!fs.existsSync('node_modules/vite')) process.exit(0); // a production-only install
for (const config of ['vite.renderer.config.ts', 'vite.main.config.ts']) {
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', config, '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
