import { create } from 'zustand';

/**
 * The dataset the user last dropped or opened and chose to go on with, for the page that
 * takes it next (predictions, feature extraction): set by the desktop layer, read there.
 */
interface ChosenDataset {
  path: string | null;
  choose(path: string): void;
}

export const useChosenDataset = create<ChosenDataset>((set) => ({
  path: null,
  choose: (path) => set({ path }),
}));
