import { useEffect, useMemo } from 'react';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { AppShell } from './shell/AppShell';
import { DesktopLayer } from './shell/desktop/DesktopLayer';
import { startConnectionMonitor } from './store/connection';
import { usePreferences } from './store/preferences';
import { makeTheme } from './theme';

export function App() {
  const themeMode = usePreferences((s) => s.themeMode);
  const theme = useMemo(() => makeTheme(themeMode), [themeMode]);
  useEffect(() => startConnectionMonitor(), []);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppShell />
      <DesktopLayer />
    </ThemeProvider>
  );
}
