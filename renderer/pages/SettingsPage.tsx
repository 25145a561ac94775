import { useEffect, useState } from 'react';
import { Alert, Box, Card, CardContent, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { Output } from '../../main/contract';
import { api } from '../api/client';
import { usePreferences, type ThemeMode } from '../store/preferences';
import { InfoRow } from './settings/InfoRow';
import { PipelinesCard } from './settings/PipelinesCard';
import { SyncCard } from './settings/SyncCard';

type Info = Output<'system.info'>;

export function SettingsPage() {
  const { themeMode, setThemeMode } = usePreferences();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.system.info().then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <Box>
      <Typography variant="h5" component="h1" gutterBottom>
        Settings
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 760 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" gutterBottom>
              Appearance
            </Typography>
            <ToggleButtonGroup
              exclusive
              value={themeMode}
              onChange={(_e, mode: ThemeMode | null) => mode && setThemeMode(mode)}
              aria-label="theme"
            >
              <ToggleButton value="light">Light</ToggleButton>
              <ToggleButton value="dark">Dark</ToggleButton>
            </ToggleButtonGroup>
          </CardContent>
        </Card>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" gutterBottom>
              This installation
            </Typography>
            {error && <Alert severity="error">{error}</Alert>}
            {info && (
              <Stack spacing={1} data-testid="system-info">
                <InfoRow label="Version" value={info.version} />
                <InfoRow label="Running as" value={info.host === 'electron' ? 'desktop app' : 'headless server'} />
                <InfoRow label="Data folder" value={info.dataDir} />
                <InfoRow label="Database schema" value={String(info.schemaVersion)} />
                <InfoRow label="Platform" value={info.platform} />
              </Stack>
            )}
          </CardContent>
        </Card>
        <PipelinesCard host={info?.host} />
        <SyncCard />
      </Stack>
    </Box>
  );
}
