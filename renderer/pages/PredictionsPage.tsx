import { useEffect, useState } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import { Section } from '../shell/Section';
import { useChosenDataset } from '../store/chosen-dataset';
import { routeParams, useRoute } from '../store/route';
import { hasNativeDialogs } from './models/bundle-transfer';
import { HistorySection } from './predictions/HistorySection';
import { useHistory } from './predictions/history-store';
import { JobResults } from './predictions/JobResults';
import { RunPrediction } from './predictions/RunPrediction';
import { useRun } from './predictions/run-store';

/** Stable, so a finished job's results do not reload the history each time the page renders. */
const reloadHistory = (): void => void useHistory.getState().load();

/** Predictions (`#/predictions`): run the production model on a BIDS dataset; one job's results at `#/predictions/<job id>`; the history. */
export function PredictionsPage() {
  const { path, navigate } = useRoute();
  const openId = routeParams(path)[0] ?? null;
  const [nativeDialogs, setNativeDialogs] = useState(false);
  const models = useRun((s) => s.models);
  const loadModels = useRun((s) => s.loadModels);
  const takePath = useRun((s) => s.takePath);
  const chosenPath = useChosenDataset((s) => s.path);

  useEffect(() => {
    void loadModels();
    hasNativeDialogs().then(setNativeDialogs, () => setNativeDialogs(false));
  }, [loadModels]);

  // A dataset dropped elsewhere in the desktop app and sent here ("Go on to predictions").
  useEffect(() => {
    if (!chosenPath) return;
    useChosenDataset.setState({ path: null });
    void takePath(chosenPath);
  }, [chosenPath, takePath]);

  const open = (id: string): void => navigate(`/predictions/${encodeURIComponent(id)}`);
  const modelNames = [...new Set(models.map((m) => m.name))];

  return (
    <Box>
      <Typography variant="h5" component="h1" gutterBottom>
        Predictions
      </Typography>
      <Stack spacing={2}>
        <Section title="Run a prediction">
          <RunPrediction
            nativeDialogs={nativeDialogs}
            onStarted={(job) => {
              open(job.id);
              reloadHistory();
            }}
          />
        </Section>
        {openId && <JobResults id={openId} nativeDialogs={nativeDialogs} onFinished={reloadHistory} onClose={() => navigate('/predictions')} />}
        <Section title="History">
          <HistorySection modelNames={modelNames} openId={openId} nativeDialogs={nativeDialogs} onOpen={open} />
        </Section>
      </Stack>
    </Box>
  );
}
