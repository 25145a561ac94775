import fs from 'node:fs';
import { DISK_FULL_MESSAGE, lastDiskFullAt } from '../../core/disk-full';

/** Below this much free space the data folder's disk is reported as low: an EEG upload or a model could fill it. */
export const LOW_DISK_BYTES = 512 * 1024 ** 2;

/** How long a failed write keeps the disk reported as full; a failing write renews it. */
export const FULL_REPORTED_FOR_MS = 10 * 60 * 1000;

export interface DiskHealth {
  status: 'ok' | 'low' | 'full';
  freeBytes: number | null;
  lowBelowBytes: number;
  lastFullAt: number | null;
  message: string | null;
}

/** Free bytes available to this process on the disk that holds `dir`, or null where statfs is not available. */
export function freeBytesOf(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}

export function diskHealth(freeBytes: number | null, now = Date.now()): DiskHealth {
  const lastFullAt = lastDiskFullAt();
  const base = { freeBytes, lowBelowBytes: LOW_DISK_BYTES, lastFullAt };
  if (lastFullAt !== null && now - lastFullAt < FULL_REPORTED_FOR_MS) {
    return { ...base, status: 'full', message: `A write failed at ${new Date(lastFullAt).toISOString()}. ${DISK_FULL_MESSAGE}` };
  }
  if (freeBytes !== null && freeBytes < LOW_DISK_BYTES) {
    const mib = Math.floor(freeBytes / 1024 ** 2);
    return { ...base, status: 'low', message: `Only ${mib} MiB are free on the disk of the data folder. Free some space before large uploads or training runs.` };
  }
  return { ...base, status: 'ok', message: null };
}
