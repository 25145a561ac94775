import { create } from 'zustand';
import { predictionsApi } from './predictions-api';
import { filterOf, type HistoryForm } from './prediction-view';
import type { LabelCounts, PredictionJob } from './types';

export const PAGE_SIZE = 20;

interface HistoryStore {
  form: HistoryForm;
  offset: number;
  jobs: PredictionJob[];
  total: number;
  counts: LabelCounts;
  loaded: boolean;
  error: string | null;
  setForm(change: Partial<HistoryForm>): void;
  setOffset(offset: number): void;
  load(): Promise<void>;
}

/** Past prediction jobs, filtered, one page at a time, with the counts per label per day. */
export const useHistory = create<HistoryStore>((set, get) => ({
  form: { model: '', label: '', from: '', to: '' },
  offset: 0,
  jobs: [],
  total: 0,
  counts: { days: [] },
  loaded: false,
  error: null,
  setForm(change) {
    set({ form: { ...get().form, ...change }, offset: 0 });
    void get().load();
  },
  setOffset(offset) {
    set({ offset });
    void get().load();
  },
  async load() {
    const filter = filterOf(get().form, get().offset, PAGE_SIZE);
    try {
      const { label: _label, limit: _limit, offset: _offset, ...range } = filter;
      const [page, counts] = await Promise.all([predictionsApi.list(filter), predictionsApi.labelCounts(range)]);
      // A slower answer for an older filter must not replace the current one.
      if (JSON.stringify(filterOf(get().form, get().offset, PAGE_SIZE)) === JSON.stringify(filter)) set({ jobs: page.jobs, total: page.total, counts, loaded: true, error: null });
    } catch (error) {
      set({ error: (error as Error).message, loaded: true });
    }
  },
}));
