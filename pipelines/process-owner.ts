import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';

/**
 * A process ID alone does not say who owns a lock or a temporary file: after a crash or
 * a reboot the number is given to some other program. A process is identified by its ID
 * and its start time, which the system keeps for every process (Linux: /proc, field 22 of
 * stat; macOS and BSD: ps). Where neither is available, the ID alone is used.
 */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform === 'linux') {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: count from the last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[19];
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'win32') return undefined;
  const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
  const text = ps.status === 0 ? ps.stdout.trim() : '';
  // Letters and digits only, so it can be part of a file name.
  return text === '' ? undefined : text.replace(/[^A-Za-z0-9]/g, '');
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process: its ID, its start time, and a random ID that is never reused. */
export const thisProcess = {
  pid: process.pid,
  startTime: processStartTime(process.pid) ?? '',
  instanceId: crypto.randomBytes(6).toString('hex'),
};

/**
 * Whether the process that recorded (pid, startTime) still runs. An empty startTime
 * (recorded where start times are unknown, or by an older version) falls back to the ID.
 */
export function isSameProcessAlive(pid: number, startTime: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !pidIsAlive(pid)) return false;
  if (startTime === '') return true;
  const now = processStartTime(pid);
  return now === undefined || now === startTime;
}

/**
 * The owner part of a temporary file's name: `<pid>.<start time>`, so start-up can tell
 * the leftovers of a dead process (killed, or stopped by Ctrl+C mid-upload) from the work
 * in progress of a live one. Every scratch name carries it: `bundle-<tag>-<uuid>.zip` in
 * uploads/, `<tag>-<uuid>.part` in artifacts/tmp/, `neuroops-bids-<tag>-*` in the system's
 * temp folder.
 */
export function ownerTag(): string {
  return `${thisProcess.pid}.${thisProcess.startTime || thisProcess.instanceId}`;
}

/** Whether the owner a tag names (see ownerTag) is still running; a malformed tag has no live owner. */
export function ownerTagIsAlive(tag: string): boolean {
  const match = /^(\d+)\.([A-Za-z0-9]+)$/.exec(tag);
  return match ? isSameProcessAlive(Number(match[1]), match[2]!) : false;
}

/** The owner tag inside a scratch name made as `<prefix><tag>-…`, or undefined for names made otherwise (older versions). */
export function ownerTagIn(name: string, prefix: string): string | undefined {
  if (!name.startsWith(prefix)) return undefined;
  return /^(\d+\.[A-Za-z0-9]+)-/.exec(name.slice(prefix.length))?.[1];
}
