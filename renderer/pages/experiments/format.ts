import type { MetricValue, Run } from './types';

export function formatValue(value: MetricValue | string | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(5)));
}

export function formatTime(ms: number | null): string {
  return ms === null ? '–' : new Date(ms).toLocaleString();
}

export function formatDuration(run: Run, now = Date.now()): string {
  const end = run.info.endTime ?? (run.info.status === 'RUNNING' ? now : null);
  if (end === null) return '–';
  const seconds = Math.max(0, Math.round((end - run.info.startTime) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

export const metricOf = (run: Run, key: string): MetricValue | undefined => run.data.metrics.find((m) => m.key === key)?.value;
export const paramOf = (run: Run, key: string): string | undefined => run.data.params.find((p) => p.key === key)?.value;
export const tagOf = (run: Run, key: string): string | undefined => run.data.tags.find((t) => t.key === key)?.value;

export const PARENT_TAG = 'mlflow.parentRunId';
export const NOTE_TAG = 'mlflow.note.content';

/** Sorted union of the keys some runs carry (for the column chooser and the diff). */
export function keysOf(runs: readonly Run[], pick: (run: Run) => Array<{ key: string }>): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const item of pick(run)) keys.add(item.key);
  return [...keys].sort();
}

/** Sorted union of key lists. */
export function mergeKeys(...lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
