import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../core/app-error';
import { APP_NAME } from './version';

/**
 * Where data lives when nobody says: the same folder Electron's `userData` resolves to,
 * so the desktop app and `neuroops serve` on one workstation share one tracker.
 */
export function platformDefaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

/** `--data-dir`, then `NEUROOPS_HOME`, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.NEUROOPS_HOME || platformDefaultDataDir(process.platform, env);
  return path.resolve(chosen);
}

export const dataPaths = (dataDir: string) => ({
  database: path.join(dataDir, 'neuroops.db'),
  backups: path.join(dataDir, 'backups'),
  artifacts: path.join(dataDir, 'artifacts'),
  uploads: path.join(dataDir, 'uploads'),
  lock: path.join(dataDir, 'neuroops.lock'),
});

/**
 * Creates the data folder if needed, with an error a person can act on when it cannot
 * be: a file in the way, a parent that is a file, no permission. Answers whether the
 * folder was created now (start-up removes what it made if it fails).
 */
export function ensureDataDir(dataDir: string): boolean {
  const existed = fs.existsSync(dataDir);
  try {
    if (existed && !fs.statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    fs.mkdirSync(dataDir, { recursive: true });
    return !existed;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') {
      throw new AppError('DATA_DIR_INVALID', `The data folder ${dataDir} is a file (or inside one), not a folder. Pass a folder with --data-dir; it is created if missing.`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new AppError('DATA_DIR_INVALID', `Cannot create or write the data folder ${dataDir} (${code}). Pass a folder you can write with --data-dir.`);
    }
    throw error;
  }
}
