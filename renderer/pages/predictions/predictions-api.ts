import { api } from '../../api/client';
import type { HistoryFilter } from './types';

/** The prediction procedures the page calls, one function each. */
export const predictionsApi = {
  validate: (uploadId: string) => api.predictions.validate({ uploadId }),
  start: (uploadId: string, model?: string) => api.predictions.start({ uploadId, ...(model ? { model } : {}) }),
  get: (id: string) => api.predictions.get({ id }),
  cancel: (id: string) => api.predictions.cancel({ id }),
  list: (filter: HistoryFilter) => api.predictions.list(filter),
  labelCounts: (filter: Pick<HistoryFilter, 'model' | 'from' | 'to'>) => api.predictions.labelCounts(filter),
  recording: (id: string, index: number) => api.predictions.recording({ id, index }),
  models: async () => (await api.predictions.models({})).models,
};
