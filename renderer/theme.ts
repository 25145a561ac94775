import { createTheme, type Theme } from '@mui/material/styles';
import type { ThemeMode } from './store/preferences';

export function makeTheme(mode: ThemeMode): Theme {
  const dark = mode === 'dark';
  const primary = dark ? '#7aa7ff' : '#2f5bd3';
  // A clear ring on whatever has keyboard focus: MUI's own ripple-based hint is too faint to follow.
  const focusRing = { outline: `2px solid ${primary}`, outlineOffset: 2 };
  return createTheme({
    palette: {
      mode,
      primary: { main: primary },
      secondary: { main: dark ? '#6fd3b8' : '#0f8a6c' },
      // MUI's default orange is 3:1 on white; this one reads as warning at 4.5:1 or more.
      // Its default info blue carries white chip text ("running") at 3.9:1; this one at 4.8:1.
      ...(dark ? {} : { warning: { main: '#b25100' }, info: { main: '#0277bd' } }),
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    components: {
      MuiCssBaseline: { styleOverrides: { '[tabindex]:focus-visible, a:focus-visible': focusRing } },
      MuiButtonBase: { styleOverrides: { root: { '&.Mui-focusVisible': focusRing } } },
    },
  });
}
