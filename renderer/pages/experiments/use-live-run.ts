import { useCallback, useEffect, useState } from 'react';
import { api, onEvent } from '../../api/client';
import type { Run } from './types';

/**
 * One run, kept current while it logs: the run reloads when the tracker says it changed
 * (at most twice a second), and `revision` counts the reloads so charts refetch with it.
 */
export function useLiveRun(runId: string): { run: Run | null; error: Error | null; revision: number; reload(): Promise<void> } {
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [revision, setRevision] = useState(0);
  const reload = useCallback(
    () =>
      api.tracking
        .getRun({ runId })
        .then((loaded) => {
          setRun(loaded);
          setError(null);
          setRevision((r) => r + 1);
        })
        .catch((e: Error) => setError(e)),
    [runId],
  );
  useEffect(() => {
    void reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onEvent('tracking.changed', (change) => {
      if (!change.runIds.includes(runId) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void reload();
      }, 500);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [runId, reload]);
  return { run, error, revision, reload };
}
