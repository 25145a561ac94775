import type { FlowRun } from '../../../main/contract/executor';

export const TERMINAL = new Set(['Completed', 'Failed', 'TimedOut', 'Cancelled', 'Crashed']);

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function runDuration(run: FlowRun, now: number): string {
  return formatDuration((run.endedAt ?? now) - (run.startedAt ?? run.createdAt));
}

/** Params on one line, for a table cell. */
export function compactParams(params: unknown): string {
  if (params === null || params === undefined) return '—';
  if (typeof params !== 'object') return String(params);
  const entries = Object.entries(params as Record<string, unknown>);
  if (entries.length === 0) return '—';
  return entries.map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ');
}
