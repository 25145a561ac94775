import { useEffect, useState } from 'react';
import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { NotFound } from '../shell/NotFound';
import { routeParams, useRoute } from '../store/route';
import { hasNativeDialogs } from './models/bundle-transfer';
import { ModelsTable } from './models/ModelsTable';
import { followRegistryEvents, useModels } from './models/models-store';
import { ModelView } from './models/ModelView';
import { BundleImport } from './models/BundleImport';
import { AuditTrail } from './models/AuditTrail';
import { TrainModel } from './models/TrainModel';

/** Registered models (`#/models`) and one model in detail (`#/models/<name>`). */
export function ModelsPage() {
  const { path, navigate } = useRoute();
  const openName = routeParams(path)[0] ?? null;
  const { models, detail, error, missing, loadModels, openModel } = useModels();
  const [nativeDialogs, setNativeDialogs] = useState(false);

  useEffect(() => {
    const stop = followRegistryEvents();
    void loadModels();
    hasNativeDialogs().then(setNativeDialogs, () => setNativeDialogs(false));
    return stop;
  }, [loadModels]);

  useEffect(() => {
    void openModel(openName);
  }, [openName, openModel]);

  const open = (name: string): void => navigate(`/models/${encodeURIComponent(name)}`);
  // Closed before the route changes, so the registry event of the deletion does not reload it.
  const leaveDeleted = (): void => {
    void openModel(null);
    void loadModels();
    navigate('/models');
  };
  const refresh = (): void => {
    void loadModels();
    if (openName) void openModel(openName);
  };

  return (
    <Box>
      <Typography variant="h5" component="h1" gutterBottom>
        Models
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {openName && missing === openName ? (
        <NotFound what={`The model "${openName}"`} back="All models" onBack={() => navigate('/models')} />
      ) : openName ? (
        detail && <ModelView detail={detail} onBack={() => navigate('/models')} onChanged={refresh} onDeleted={leaveDeleted} />
      ) : (
        <Stack spacing={2}>
          <Card variant="outlined">
            <CardContent>
              <ModelsTable models={models} onOpen={open} />
            </CardContent>
          </Card>
          <TrainModel nativeDialogs={nativeDialogs} onTrained={refresh} />
          <BundleImport nativeDialogs={nativeDialogs} onImported={refresh} />
          <AuditTrail changes={models} />
        </Stack>
      )}
    </Box>
  );
}
