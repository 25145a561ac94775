import { AppBar, Box, Drawer, IconButton, List, ListItemButton, ListItemIcon, ListItemText, Toolbar, Tooltip, Typography } from '@mui/material';
import DarkIcon from '@mui/icons-material/DarkMode';
import LightIcon from '@mui/icons-material/LightMode';
import { usePreferences } from '../store/preferences';
import { useRoute } from '../store/route';
import { ConnectionStatus } from './ConnectionStatus';
import { AboutButton } from './desktop/AboutButton';
import { ErrorBoundary } from './ErrorBoundary';
import { PAGES, pageFor } from './pages';

const DRAWER_WIDTH = 220;

export function AppShell() {
  const { path, navigate } = useRoute();
  const { themeMode, setThemeMode } = usePreferences();
  const page = pageFor(path);
  const Page = page.component;
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>
            NeuroOps
          </Typography>
          <ConnectionStatus />
          <AboutButton />
          <Tooltip title={themeMode === 'dark' ? 'Light theme' : 'Dark theme'}>
            <IconButton color="inherit" aria-label="toggle theme" onClick={() => setThemeMode(themeMode === 'dark' ? 'light' : 'dark')}>
              {themeMode === 'dark' ? <LightIcon /> : <DarkIcon />}
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, [`& .MuiDrawer-paper`]: { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}>
        <Toolbar variant="dense" />
        <List component="nav" aria-label="pages">
          {PAGES.map((entry) => {
            const Icon = entry.icon;
            return (
              <ListItemButton key={entry.slug} selected={entry === page} onClick={() => navigate(`/${entry.slug}`)}>
                <ListItemIcon>
                  <Icon />
                </ListItemIcon>
                <ListItemText primary={entry.label} />
              </ListItemButton>
            );
          })}
        </List>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
        <Toolbar variant="dense" />
        <ErrorBoundary resetKey={path}>
          <Page />
        </ErrorBoundary>
      </Box>
    </Box>
  );
}
