import { create } from 'zustand';
import type { Output } from '../../../main/contract';
import { api, onEvent } from '../../api/client';
import { isNotFound } from '../../shell/NotFound';

export type ModelSummary = Output<'registry.listModels'>['models'][number];
export type ModelVersion = Output<'registry.getModel'>['versions'][number];
export type RegisteredModel = Output<'registry.getModel'>['model'];
export type Transition = Output<'registry.history'>['transitions'][number];
export type AuditEntry = Output<'registry.audit'>['transitions'][number];

export interface ModelDetail {
  model: RegisteredModel;
  versions: ModelVersion[];
  history: Transition[];
}

interface ModelsStore {
  models: ModelSummary[];
  detail: ModelDetail | null;
  /** The model whose detail is open (by route), even while it loads. */
  openName: string | null;
  error: string | null;
  /** The open model's name when the registry has no such model (a stale link). */
  missing: string | null;
  loadModels(): Promise<void>;
  openModel(name: string | null): Promise<void>;
}

/** Models listed at once; a full page may leave some out. */
const LIST_LIMIT = 1000;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Registered models, and the one open in detail with its versions and history, refreshed on registry events. */
export const useModels = create<ModelsStore>((set, get) => ({
  models: [],
  detail: null,
  openName: null,
  error: null,
  missing: null,
  async loadModels() {
    try {
      set({ models: (await api.registry.listModels({ maxResults: LIST_LIMIT })).models, error: null });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  async openModel(name) {
    set({ openName: name, missing: null, ...(name === get().detail?.model.name ? {} : { detail: null }) });
    if (!name) return;
    try {
      const [{ model, versions }, { transitions }] = await Promise.all([api.registry.getModel({ name }), api.registry.history({ name })]);
      // A slower answer for a model the user has since left must not replace the current one.
      if (get().openName === name) set({ detail: { model, versions, history: transitions }, error: null });
    } catch (error) {
      if (get().openName === name) set(isNotFound(error) ? { missing: name } : { error: message(error) });
    }
  },
}));

/** Keeps the list and the open model current while the page is shown; returns the unsubscribe. */
export function followRegistryEvents(): () => void {
  return onEvent('registry.changed', ({ name }) => {
    void (async () => {
      await useModels.getState().loadModels();
      // The open model reloads only if it still exists: the change may have been its deletion.
      const { models, openModel, openName } = useModels.getState();
      const mayExist = models.length >= LIST_LIMIT || models.some((m) => m.name === name);
      if (openName === name && mayExist) await openModel(name);
    })();
  });
}
