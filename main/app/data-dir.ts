import os from 'node:os';
import path from 'node:path';
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
