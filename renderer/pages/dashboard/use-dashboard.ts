import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../main/contract';
import { api, onEvent } from '../../api/client';

type ListedModel = Output<'registry.listModels'>['models'][number];
/** A model with a version in production: the only ones the production card lists. */
export type ProductionModel = ListedModel & { production: NonNullable<ListedModel['production']> };

export interface DashboardData {
  models: ProductionModel[];
  experimentCount: number;
  recentRuns: Output<'tracking.searchRuns'>['runs'];
  experimentNames: Record<string, string>;
  flowRuns: Output<'executor.listFlowRuns'>;
}

const RECENT = 6;
/** Nested runs (pipeline stages) are reached through their parent. */
const TOP_LEVEL = 'tags.`mlflow.parentRunId` IS NULL';

async function load(): Promise<DashboardData> {
  const [models, experiments, flowRuns] = await Promise.all([
    api.registry.listModels({ maxResults: 1000 }),
    api.tracking.searchExperiments({ maxResults: 1000 }),
    api.executor.listFlowRuns({ limit: RECENT }),
  ]);
  const experimentIds = experiments.experiments.map((e) => e.experimentId);
  const runs = experimentIds.length
    ? await api.tracking.searchRuns({ experimentIds, maxResults: RECENT, filter: TOP_LEVEL })
    : { runs: [] };
  return {
    models: models.models.filter((m): m is ProductionModel => m.production !== null).slice(0, 20),
    experimentCount: experimentIds.length,
    recentRuns: runs.runs,
    experimentNames: Object.fromEntries(experiments.experiments.map((e) => [e.experimentId, e.name])),
    flowRuns,
  };
}

/** The dashboard's summary, refreshed whenever runs, models or flows change. */
export function useDashboard(): { data: DashboardData | null; error: string | null } {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    load().then(
      (next) => {
        setData(next);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    refresh();
    let timer: number | undefined;
    // Events come in bursts while a flow runs; one reload per second is plenty.
    const soon = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 1000);
    };
    const stops = [onEvent('tracking.changed', soon), onEvent('registry.changed', soon), onEvent('executor.flowRunChanged', soon)];
    return () => {
      window.clearTimeout(timer);
      stops.forEach((stop) => stop());
    };
  }, [refresh]);
  return { data, error };
}
