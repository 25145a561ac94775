export interface NativeTarget {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export const STAMP_FILE: string;
export function currentTarget(electronVersion: string, betterSqliteVersion: string): NativeTarget;
export function writeStamp(dir: string, target: NativeTarget): void;
export function rebuildReason(dir: string, target: NativeTarget): string | null;
