import { create } from 'zustand';
import { api, onEvent } from '../../api/client';
import { mostRecentlyActive, type ChosenColumns, type ExperimentActivity, type ExperimentsView, type SortState } from './experiments-view';
import type { Experiment, Run } from './types';

export type { SortState } from './experiments-view';

const PAGE_SIZE = 500;

interface ExperimentsStore {
  experiments: Experiment[];
  /** Run counts and latest run start per experiment id. */
  activity: Record<string, ExperimentActivity>;
  selectedExperimentIds: string[];
  runs: Run[];
  nextPageToken: string | undefined;
  loadingRuns: boolean;
  filter: string;
  filterError: string | null;
  /** Deleted runs are shown on their own, to restore them. */
  showDeleted: boolean;
  sort: SortState | null;
  /** null until the user picks columns: the runs' most common ones show. */
  columns: ChosenColumns | null;
  /** Every metric and param key logged in the shown experiments, for the column chooser. */
  keys: { metrics: string[]; params: string[] };
  /** Runs ticked for comparison. */
  checked: string[];
  error: string | null;
  loadExperiments(): Promise<void>;
  selectExperiments(ids: string[]): void;
  setFilter(filter: string): void;
  setShowDeleted(showDeleted: boolean): void;
  setSort(sort: SortState | null): void;
  setColumns(columns: ChosenColumns): void;
  /** Takes a view from the URL; reloads the runs if it changes what they are. */
  applyView(view: ExperimentsView): void;
  toggleChecked(runId: string): void;
  clearChecked(): void;
  reloadRuns(): Promise<void>;
  loadMoreRuns(): Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// Each reload gets a number, so the answer of a superseded search is dropped.
let searchGeneration = 0;

export const useExperiments = create<ExperimentsStore>((set, get) => {
  /**
   * The shown experiments' keys, kept by the tracker as runs log (not gathered from the
   * loaded runs: a page of 500 out of 100,000 may lack some).
   */
  async function fetchKeys(experimentIds: string[]): Promise<void> {
    const answers = await Promise.all(experimentIds.map((experimentId) => api.tracking.experimentKeys({ experimentId })));
    if (experimentIds.join() !== get().selectedExperimentIds.join()) return;
    const union = (pick: (a: (typeof answers)[number]) => string[]) => [...new Set(answers.flatMap(pick))].sort();
    set({ keys: { metrics: union((a) => a.metricKeys), params: union((a) => a.paramKeys) } });
  }

  async function fetchRuns(pageToken: string | undefined): Promise<void> {
    const { selectedExperimentIds, filter, sort, showDeleted } = get();
    if (selectedExperimentIds.length === 0) {
      set({ runs: [], nextPageToken: undefined, loadingRuns: false, keys: { metrics: [], params: [] } });
      return;
    }
    const generation = pageToken ? searchGeneration : ++searchGeneration;
    set({ loadingRuns: true });
    if (!pageToken) void fetchKeys(selectedExperimentIds).catch((error: unknown) => set({ error: message(error) }));
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
    activity: {},
    selectedExperimentIds: [],
    runs: [],
    nextPageToken: undefined,
    loadingRuns: false,
    filter: '',
    filterError: null,
    showDeleted: false,
    sort: null,
    columns: null,
    keys: { metrics: [], params: [] },
    checked: [],
    error: null,
    async loadExperiments() {
      try {
        const [{ experiments }, { experiments: activity }] = await Promise.all([
          api.tracking.searchExperiments({ maxResults: 1000, orderBy: ['name ASC'] }),
          api.tracking.experimentActivity({}),
        ]);
        const known = new Set(experiments.map((e) => e.experimentId));
        const kept = get().selectedExperimentIds.filter((id) => known.has(id));
        const fallback = mostRecentlyActive(experiments.map((e) => e.experimentId), activity);
        const selected = kept.length > 0 ? kept : fallback ? [fallback] : [];
        const changed = selected.join() !== get().selectedExperimentIds.join();
        set({ experiments, activity: Object.fromEntries(activity.map((a) => [a.experimentId, a])), selectedExperimentIds: selected, error: null });
        if (changed) await get().reloadRuns();
      } catch (error) {
        set({ error: message(error) });
      }
    },
    selectExperiments(ids) {
      // Another experiment has other keys: its own most common ones show until the user picks.
      set({ selectedExperimentIds: ids, checked: [], columns: null });
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
    setColumns(columns) {
      set({ columns });
    },
    applyView(view) {
      const s = get();
      const sameRuns =
        view.experimentIds.join() === s.selectedExperimentIds.join() &&
        view.filter === s.filter &&
        view.showDeleted === s.showDeleted &&
        JSON.stringify(view.sort) === JSON.stringify(s.sort);
      set({ selectedExperimentIds: view.experimentIds, filter: view.filter, showDeleted: view.showDeleted, sort: view.sort, columns: view.columns });
      if (!sameRuns) void get().reloadRuns();
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

/** Keeps the list fresh while runs log: reloads the runs when the shown experiments change, and the run counts. */
export function followTrackingEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let runsChanged = false;
  const stop = onEvent('tracking.changed', (change) => {
    const shown = new Set(useExperiments.getState().selectedExperimentIds);
    runsChanged ||= change.experimentIds.some((id) => shown.has(id));
    // A busy run sends several events a second: at most one reload a second, and never starved.
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      const store = useExperiments.getState();
      void store.loadExperiments();
      if (runsChanged) void store.reloadRuns();
      runsChanged = false;
    }, 1000);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
