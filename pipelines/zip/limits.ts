/**
 * Limits that make a hostile zip fail fast instead of filling the disk.
 * The defaults fit an EEG dataset (hundreds of recordings of a few hundred MB);
 * callers with other needs (model bundles) pass their own.
 */
export interface ZipLimits {
  /** Most entries (files and folders) a zip may hold. */
  maxEntries: number;
  /** Most bytes all entries may expand to, counted as they are written. */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio, per entry and for the whole archive. */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked (a 1 KB file of spaces is harmless). */
  ratioCheckMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 20 * 1024 ** 3,
  maxRatio: 100,
  ratioCheckMinBytes: 1024 * 1024,
};

export function withDefaults(overrides?: Partial<ZipLimits>): ZipLimits {
  return { ...DEFAULT_ZIP_LIMITS, ...overrides };
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}
