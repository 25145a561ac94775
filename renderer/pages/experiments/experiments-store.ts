import { create } from 'zustand';
import { api, onEvent } from '../../api/client';
import type { Experiment, Run } from './types';

const PAGE_SIZE = 500;

export interface SortState {
  /** An order_by key such as `metrics.acc` or `attributes.start_time`. */
  key: string;
  descending: boolean;
}

interface ExperimentsStore {
  experiments: Experiment[];
  selectedExperimentIds: string[];
  runs: Run[];
  nextPageToken: string | undefined;
  loadingRuns: boolean;
  filter: string;
  filterError: string | null;
  /** Deleted runs are shown on their own, to restore them. */
  showDeleted: boolean;
  sort: SortState | null;
  paramColumns: string[];
  metricColumns: string[];
  /** Runs ticked for comparison. */
  checked: string[];
  error: string | null;
  loadExperiments(): Promise<void>;
  selectExperiments(ids: string[]): void;
  setFilter(filter: string): void;
  setShowDeleted(showDeleted: boolean): void;
  setSort(sort: SortState | null): void;
  setColumns(kind: 'param' | 'metric', keys: string[]): void;
  toggleChecked(runId: string): void;
  clearChecked(): void;
  reloadRuns(): Promise<void>;
  loadMoreRuns(): Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// Each reload gets a number, so the answer of a superseded search is dropped.
let searchGeneration = 0;

export const useExperiments = create<ExperimentsStore>((set, get) => {
  async function fetchRuns(pageToken: string | undefined): Promise<void> {
    const { selectedExperimentIds, filter, sort, showDeleted } = get();
    if (selectedExperimentIds.length === 0) {
      set({ runs: [], nextPageToken: undefined, loadingRuns: false });
      return;
    }
    const generation = pageToken ? searchGeneration : ++searchGeneration;
    set({ loadingRuns: true });
    try {
      const page = await api.tracking.searchRuns({
        experimentIds: selectedExperimentIds,
        filter: filter.trim() || undefined,
        orderBy: sort ? [`${sort.key} ${sort.descending ? 'DESC' : 'ASC'}`] : undefined,
        maxResults: PAGE_SIZE,
        viewType: showDeleted ? 'DELETED_ONLY' : 'ACTIVE_ONLY',
        pageToken,
      });
      if (generation !== searchGeneration) return;
      set((s) => ({
        runs: pageToken ? [...s.runs, ...page.runs] : page.runs,
        nextPageToken: page.nextPageToken,
        loadingRuns: false,
        filterError: null,
        error: null,
      }));
    } catch (error) {
      if (generation !== searchGeneration) return;
      const text = message(error);
      // A filter the server cannot parse is the user's to fix, next to the filter box.
      if (/filter|order_by/.test(text)) set({ filterError: text, loadingRuns: false, runs: [], nextPageToken: undefined });
      else set({ error: text, loadingRuns: false });
    }
  }

  return {
    experiments: [],
    selectedExperimentIds: [],
    runs: [],
    nextPageToken: undefined,
    loadingRuns: false,
    filter: '',
    filterError: null,
    showDeleted: false,
    sort: null,
    paramColumns: [],
    metricColumns: [],
    checked: [],
    error: null,
    async loadExperiments() {
      try {
        const { experiments } = await api.tracking.searchExperiments({ maxResults: 1000, orderBy: ['name ASC'] });
        const known = new Set(experiments.map((e) => e.experimentId));
        const kept = get().selectedExperimentIds.filter((id) => known.has(id));
        const selected = kept.length > 0 ? kept : experiments.slice(0, 1).map((e) => e.experimentId);
        const changed = selected.join() !== get().selectedExperimentIds.join();
        set({ experiments, selectedExperimentIds: selected, error: null });
        if (changed) await get().reloadRuns();
      } catch (error) {
        set({ error: message(error) });
      }
    },
    selectExperiments(ids) {
      set({ selectedExperimentIds: ids, checked: [] });
      void get().reloadRuns();
    },
    setFilter(filter) {
      set({ filter });
      void get().reloadRuns();
    },
    setShowDeleted(showDeleted) {
      set({ showDeleted, checked: [] });
      void get().reloadRuns();
    },
    setSort(sort) {
      set({ sort });
      void get().reloadRuns();
    },
    setColumns(kind, keys) {
      set(kind === 'param' ? { paramColumns: keys } : { metricColumns: keys });
    },
    toggleChecked(runId) {
      set((s) => ({ checked: s.checked.includes(runId) ? s.checked.filter((id) => id !== runId) : [...s.checked, runId] }));
    },
    clearChecked() {
      set({ checked: [] });
    },
    reloadRuns: () => fetchRuns(undefined),
    async loadMoreRuns() {
      const { nextPageToken, loadingRuns } = get();
      if (nextPageToken && !loadingRuns) await fetchRuns(nextPageToken);
    },
  };
});

/** Keeps the list fresh while runs log: reloads when the shown experiments change. */
export function followTrackingEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return onEvent('tracking.changed', (change) => {
    const store = useExperiments.getState();
    const shown = new Set(store.selectedExperimentIds);
    if (change.experimentIds.some((id) => !store.experiments.some((e) => e.experimentId === id))) void store.loadExperiments();
    if (!change.experimentIds.some((id) => shown.has(id))) return;
    // A busy run sends several events a second; one reload for a burst is enough.
    clearTimeout(timer);
    timer = setTimeout(() => void useExperiments.getState().reloadRuns(), 1000);
  });
}
