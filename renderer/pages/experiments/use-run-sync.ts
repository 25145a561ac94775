import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { SyncItem } from '../../shell/SyncStatusChip';
import type { Run } from './types';

export interface RunSync {
  remote: string;
  statuses: ReadonlyMap<string, SyncItem>;
}

/** sync.itemStatus takes at most 1000 ids; a page of runs is 500. */
const BATCH = 500;

/**
 * The sync state of the loaded runs, asked for once per page of runs (not once per row),
 * so the table stays as fast at 100,000 runs as without it. Null while no remote is set:
 * the table then shows no sync column at all.
 */
export function useRunSync(runs: readonly Run[]): RunSync | null {
  const [sync, setSync] = useState<RunSync | null>(null);
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const missing = runs.map((r) => r.info.runId).filter((id) => !asked.current.has(id));
    if (missing.length === 0) return;
    for (const id of missing) asked.current.add(id);
    for (let i = 0; i < missing.length; i += BATCH) {
      const runIds = missing.slice(i, i + BATCH);
      api.sync
        .itemStatus({ runIds, models: [] })
        .then((s) => {
          if (!s.remote) return setSync(null);
          const remote = s.remote;
          setSync((prev) => {
            const statuses = new Map(prev?.remote === remote ? prev.statuses : []);
            for (const r of s.runs) statuses.set(r.runId, { state: r.state, code: r.code, reason: r.reason });
            return { remote, statuses };
          });
        })
        // Without a status the run is simply asked for again with the next page.
        .catch(() => {
          for (const id of runIds) asked.current.delete(id);
        });
    }
  }, [runs]);
  return sync;
}
