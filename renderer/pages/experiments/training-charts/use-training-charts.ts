import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { CHART_FILES, type TrainingCharts } from './types';

/** Large enough for the importances of a few thousand features; the charts show the top ones. */
const MAX_CHART_BYTES = 4 * 1024 * 1024;

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; charts: TrainingCharts };

/**
 * Reads a run's evaluation charts (charts/*.json). Lists the folder first, so a run
 * without charts (or with some) costs one call and no failed reads.
 */
async function loadCharts(runId: string): Promise<TrainingCharts> {
  const { entries } = await api.tracking.listArtifacts({ runId, path: 'charts' });
  const present = new Set(entries.filter((e) => !e.isDir).map((e) => e.path));
  const read = async (path: string): Promise<unknown> => {
    if (!present.has(path)) return null;
    const artifact = await api.tracking.readArtifact({ runId, path, maxBytes: MAX_CHART_BYTES });
    if (artifact.truncated || artifact.encoding !== 'utf8') return null;
    return JSON.parse(artifact.content) as unknown;
  };
  const keys = Object.keys(CHART_FILES) as Array<keyof TrainingCharts>;
  const values = await Promise.all(keys.map((key) => read(CHART_FILES[key])));
  return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as unknown as TrainingCharts;
}

export function useTrainingCharts(runId: string): State {
  // Tagged with the run it belongs to: while another run's charts load, the state reads as loading.
  const [loaded, setLoaded] = useState<{ runId: string; state: State } | null>(null);
  useEffect(() => {
    let live = true;
    loadCharts(runId).then(
      (charts) => live && setLoaded({ runId, state: { status: 'ready', charts } }),
      (e: Error) => live && setLoaded({ runId, state: { status: 'error', message: e.message } }),
    );
    return () => {
      live = false;
    };
  }, [runId]);
  return loaded?.runId === runId ? loaded.state : { status: 'loading' };
}
