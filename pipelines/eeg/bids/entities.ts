/**
 * BIDS file names: key-value entities joined by "_", then a suffix and an
 * extension, e.g. sub-01_ses-eeg_task-rest_run-1_eeg.vhdr.
 */
export interface BidsName {
  entities: Record<string, string>;
  /** Entity keys in the order they appear. */
  order: string[];
  suffix: string;
  extension: string;
}

/** The order the BIDS spec requires for the entities an EEG file may have. */
export const EEG_ENTITY_ORDER = ['sub', 'ses', 'task', 'acq', 'run', 'space'] as const;

export function parseBidsName(fileName: string): BidsName | null {
  const dot = fileName.indexOf('.');
  const stem = dot < 0 ? fileName : fileName.slice(0, dot);
  const extension = dot < 0 ? '' : fileName.slice(dot);
  const parts = stem.split('_');
  const suffix = parts.pop() ?? '';
  if (!/^[a-zA-Z0-9]+$/.test(suffix)) return null;
  const entities: Record<string, string> = {};
  const order: string[] = [];
  for (const p of parts) {
    const m = /^([a-zA-Z]+)-([a-zA-Z0-9]+)$/.exec(p);
    if (!m || m[1]! in entities) return null;
    entities[m[1]!] = m[2]!;
    order.push(m[1]!);
  }
  return { entities, order, suffix, extension };
}

/** True when every entity of `sidecar` has the same value in `file` (the inheritance rule). */
export function entitiesApply(sidecar: Record<string, string>, file: Record<string, string>, ignore: readonly string[] = []): boolean {
  return Object.entries(sidecar).every(([k, v]) => ignore.includes(k) || file[k] === v);
}
