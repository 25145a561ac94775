import { useEffect, useState } from 'react';
import { onEvent } from '../../api/client';
import { isNotFound } from '../../shell/NotFound';
import { predictionsApi } from './predictions-api';
import type { PredictionJob } from './types';

/** A job is over once it has an end time. */
export const isFinished = (job: PredictionJob): boolean => job.finishedAt !== null;

/** Read again this often while a job runs, in case an event was missed (the event stream reconnecting). */
const POLL_MS = 2000;

/**
 * One prediction job, live: loaded by id, replaced by each `predictions.progress` event
 * for it, and read again now and then until it finishes.
 */
export function useJob(id: string | null): { job: PredictionJob | null; error: string | null; missing: boolean } {
  const [state, setState] = useState<{ id: string | null; job: PredictionJob | null; error: string | null; missing: boolean }>({ id: null, job: null, error: null, missing: false });

  useEffect(() => {
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = (job: PredictionJob): void => {
      if (stopped) return;
      setState({ id, job, error: null, missing: false });
      clearTimeout(timer);
      if (!isFinished(job)) timer = setTimeout(load, POLL_MS);
    };
    function load(): void {
      predictionsApi.get(id!).then(show, (error: unknown) => {
        if (!stopped) setState({ id, job: null, error: isNotFound(error) ? null : (error as Error).message, missing: isNotFound(error) });
      });
    }
    const unsubscribe = onEvent('predictions.progress', (job) => {
      if (job.id === id) show(job);
    });
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [id]);

  // A job of an earlier id is never shown for the current one.
  return state.id === id ? state : { job: null, error: null, missing: false };
}
