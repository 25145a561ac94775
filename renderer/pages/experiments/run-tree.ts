import { PARENT_TAG, tagOf } from './format';
import type { Run } from './types';

export interface RunRow {
  run: Run;
  /** 0 for a top-level run, 1 for its children, … */
  depth: number;
  hasChildren: boolean;
}

/**
 * Lays runs out for the table: each nested run (mlflow.parentRunId) right under its
 * parent, indented, in the order the server sorted them. A child whose parent is not in
 * the list (filtered out, or on a later page) stays at the top level.
 */
export function runRows(runs: readonly Run[], collapsed: ReadonlySet<string> = new Set()): RunRow[] {
  const ids = new Set(runs.map((r) => r.info.runId));
  const children = new Map<string, Run[]>();
  const roots: Run[] = [];
  for (const run of runs) {
    const parent = tagOf(run, PARENT_TAG);
    if (parent && parent !== run.info.runId && ids.has(parent)) {
      const list = children.get(parent) ?? [];
      list.push(run);
      children.set(parent, list);
    } else {
      roots.push(run);
    }
  }
  const rows: RunRow[] = [];
  const visited = new Set<string>();
  const visit = (run: Run, depth: number): void => {
    if (visited.has(run.info.runId)) return; // a cycle of parent tags must not loop forever
    visited.add(run.info.runId);
    const kids = children.get(run.info.runId) ?? [];
    rows.push({ run, depth, hasChildren: kids.length > 0 });
    if (!collapsed.has(run.info.runId)) for (const kid of kids) visit(kid, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return rows;
}
