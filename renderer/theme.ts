import { createTheme, type Theme } from '@mui/material/styles';
import type { ThemeMode } from './store/preferences';

export function makeTheme(mode: ThemeMode): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'dark' ? '#7aa7ff' : '#2f5bd3' },
      secondary: { main: mode === 'dark' ? '#6fd3b8' : '#0f8a6c' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  });
}
