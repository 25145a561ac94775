import { create } from 'zustand';
import type { Output } from '../../../main/contract';
import { api, ApiError } from '../../api/client';
import { importFile } from '../../pages/models/bundle-transfer';

export type DatasetReport = Output<'datasets.inspect'>;
type Imported = Output<'bundles.import'>;

/** The one dialog the desktop layer shows at a time. */
export type DesktopView =
  | { kind: 'none' }
  | { kind: 'about' }
  | { kind: 'busy'; message: string }
  | { kind: 'dataset'; report: DatasetReport }
  | { kind: 'bundle'; path: string; name: string }
  | { kind: 'imported'; imported: Imported }
  | { kind: 'refused'; title: string; message: string };

interface DesktopStore {
  view: DesktopView;
  show(view: DesktopView): void;
  close(): void;
  /** A path dropped or chosen: identified by the core, then inspected or offered for import. */
  openPath(path: string): Promise<void>;
  /** A zip dropped in a browser, uploaded as a model bundle. */
  uploadBundle(file: File): Promise<void>;
  importBundle(path: string, name?: string): Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof ApiError || error instanceof Error ? error.message : String(error));

export const useDesktop = create<DesktopStore>((set) => {
  const attempt = async (title: string, work: () => Promise<DesktopView>): Promise<void> => {
    try {
      set({ view: await work() });
    } catch (error) {
      set({ view: { kind: 'refused', title, message: messageOf(error) } });
    }
  };
  return {
    view: { kind: 'none' },
    show: (view) => set({ view }),
    close: () => set({ view: { kind: 'none' } }),
    openPath: (path) =>
      attempt('NeuroOps cannot open this', async () => {
        set({ view: { kind: 'busy', message: 'Looking at what was given…' } });
        const found = await api.datasets.identify({ path });
        if (found.kind === 'model-bundle') return { kind: 'bundle', path: found.path, name: found.name };
        set({ view: { kind: 'busy', message: `Checking the dataset ${found.name}…` } });
        return { kind: 'dataset', report: await api.datasets.inspect({ path: found.path }) };
      }),
    uploadBundle: (file) =>
      attempt('The bundle was not imported', async () => {
        set({ view: { kind: 'busy', message: `Importing ${file.name}…` } });
        return { kind: 'imported', imported: await importFile(file, false) };
      }),
    importBundle: (path, name) =>
      attempt('The bundle was not imported', async () => {
        set({ view: { kind: 'busy', message: 'Importing the model bundle…' } });
        return { kind: 'imported', imported: await api.bundles.import({ path, ...(name ? { name } : {}) }) };
      }),
  };
});
