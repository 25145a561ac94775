import fs from 'node:fs';
import { AppError } from '../core/app-error';
import { isSameProcessAlive, thisProcess } from '../../pipelines/process-owner';

// Locks this process holds, so a second host inside one process is refused too.
const held = new Set<string>();

interface LockOwner {
  pid: number;
  /** The owner's start time ('' when unknown or written by an older version, which wrote the PID alone). */
  startTime: string;
  instanceId: string;
}

/** The lock file: `pid`, then `start=<start time>` and `instance=<id>` lines. */
function readOwner(text: string): LockOwner {
  const [first = '', ...rest] = text.split('\n');
  const field = (name: string) => rest.find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1).trim() ?? '';
  return { pid: Number.parseInt(first, 10), startTime: field('start'), instanceId: field('instance') };
}

const ownContent = `${thisProcess.pid}\nstart=${thisProcess.startTime}\ninstance=${thisProcess.instanceId}\n`;

/**
 * Only one host (the desktop app or `neuroops serve`) may own a data folder at a time:
 * two would each believe they are the single writer and each mark the other's running
 * flows as crashed. A lock left by a process that died is taken over, also when its PID
 * now belongs to another program: the lock records the owner's start time beside its PID.
 */
export function acquireDataDirLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, ownContent, { flag: 'wx' });
      held.add(lockPath);
      return () => {
        held.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === ownContent) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(fs.readFileSync(lockPath, 'utf8'));
      const ownedHere = owner.pid === process.pid && owner.instanceId === thisProcess.instanceId && held.has(lockPath);
      const otherAlive = owner.pid !== process.pid && isSameProcessAlive(owner.pid, owner.startTime);
      if (ownedHere || otherAlive) {
        throw new AppError(
          'DATA_DIR_IN_USE',
          `The data folder is already in use by another NeuroOps (process ${owner.pid}). ` +
            'Stop it first, or pass another folder with --data-dir.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('DATA_DIR_IN_USE', `Could not lock the data folder (${lockPath}).`);
}
