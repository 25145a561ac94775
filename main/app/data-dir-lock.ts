import fs from 'node:fs';
import { AppError } from '../core/app-error';

// Locks this process holds, so a second host inside one process is refused too.
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Only one host (the desktop app or `neuroops serve`) may own a data folder at a time:
 * two would each believe they are the single writer and each mark the other's running
 * flows as crashed. A lock left by a process that died is taken over.
 */
export function acquireDataDirLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      held.add(lockPath);
      return () => {
        held.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      const ownedHere = owner === process.pid && held.has(lockPath);
      if (ownedHere || (Number.isInteger(owner) && owner !== process.pid && isAlive(owner))) {
        throw new AppError(
          'DATA_DIR_IN_USE',
          `The data folder is already in use by another NeuroOps (process ${owner}). ` +
            'Stop it first, or pass another folder with --data-dir.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('DATA_DIR_IN_USE', `Could not lock the data folder (${lockPath}).`);
}
