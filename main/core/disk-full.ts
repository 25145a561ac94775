/**
 * A write that fails for lack of disk space is not a bug: the researcher can free space and
 * try again. SQLite says so with SQLITE_FULL, the file system with ENOSPC (or EDQUOT, a
 * quota). Such errors travel as DISK_FULL, and the last one is remembered so that
 * `system.health` can say the data folder cannot take writes.
 *
 * One record per process is enough: a process hosts one data folder (its lock sees to it).
 */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

export const DISK_FULL_MESSAGE =
  'The disk that holds the NeuroOps data folder is full, so this change was not saved. ' +
  'Free some space on that disk (or move the data folder with --data-dir) and try again.';

export function isDiskFullError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DISK_FULL_CODES.has(code);
}

let lastFailureAt: number | null = null;

export function recordDiskFull(at = Date.now()): void {
  lastFailureAt = at;
}

/** When a write last failed for lack of space in this process, or null. */
export function lastDiskFullAt(): number | null {
  return lastFailureAt;
}
