import { formatValue, keysOf, metricOf, paramOf } from './format';
import type { Run } from './types';

export interface DiffRow {
  kind: 'param' | 'metric';
  key: string;
  /** One cell per run, '' where the run lacks the key. */
  values: string[];
  differs: boolean;
}

/** Params then metrics of several runs side by side, each row marked when the runs disagree. */
export function diffRuns(runs: readonly Run[]): DiffRow[] {
  const row = (kind: DiffRow['kind'], key: string, values: string[]): DiffRow => ({ kind, key, values, differs: new Set(values).size > 1 });
  return [
    ...keysOf(runs, (r) => r.data.params).map((key) => row('param', key, runs.map((r) => paramOf(r, key) ?? ''))),
    ...keysOf(runs, (r) => r.data.metrics).map((key) => row('metric', key, runs.map((r) => formatValue(metricOf(r, key))))),
  ];
}
