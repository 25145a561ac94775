#!/usr/bin/env node
// The `neuroops` command. It runs the command line as the main Vite build bundles it
// (dist/electron/cli.js, built by `npm ci` through `prepare` and by `npm run build`) when
// that build is newer than every source file; in a checkout being edited it runs the
// TypeScript sources through tsx instead, so the command line is always the code in this
// checkout. NEUROOPS_CLI=source or NEUROOPS_CLI=built forces one or the other.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'electron', 'cli.js');
// What the bundle is made from: sources, the build's config and the dependency set.
const inputs = ['main', 'pipelines', 'vite.main.config.ts', 'package-lock.json'];

/** Whether any file under `entry` changed after `since` (ms); stops at the first. */
function changedSince(entry, since) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return false; // absent from an installed copy: nothing to be newer than the build
  }
  if (!stat.isDirectory()) return stat.mtimeMs > since;
  return fs.readdirSync(entry).some((name) => changedSince(path.join(entry, name), since));
}

function builtIsCurrent() {
  if (process.env.NEUROOPS_CLI === 'built') return true;
  if (process.env.NEUROOPS_CLI === 'source') return false;
  let builtAt;
  try {
    builtAt = fs.statSync(built).mtimeMs;
  } catch {
    return false;
  }
  return !inputs.some((input) => changedSince(path.join(root, input), builtAt));
}

let main;
if (builtIsCurrent()) {
  ({ main } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
