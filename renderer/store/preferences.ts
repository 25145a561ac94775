import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeMode = 'light' | 'dark';

interface Preferences {
  themeMode: ThemeMode;
  setThemeMode(mode: ThemeMode): void;
}

const prefersDark = typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;

export const usePreferences = create<Preferences>()(
  persist(
    (set) => ({
      themeMode: prefersDark ? 'dark' : 'light',
      setThemeMode: (themeMode) => set({ themeMode }),
    }),
    { name: 'neuroops-preferences' },
  ),
);
