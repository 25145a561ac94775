import { Alert, Button, Stack, Typography } from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrow';
import { DatasetDropZone } from './DatasetDropZone';
import { ModelSelector } from './ModelSelector';
import { choiceKey, runBlocker } from './prediction-view';
import { useRun } from './run-store';
import type { PredictionJob } from './types';
import { ValidationFindings } from './ValidationFindings';

/** A dataset in, its validation findings, the model, and Run: errors in the dataset or no model to run keep Run off. */
export function RunPrediction(props: { nativeDialogs: boolean; onStarted(job: PredictionJob): void }) {
  const { upload, busy, intakeError, validation, models, modelsLoaded, modelsError, choice, runError, starting, choose, takeFile, takePath, run } = useRun();
  const chosen = models.find((m) => choiceKey(m) === choice) ?? null;
  const blocker = busy ? null : upload ? runBlocker(validation) : 'Drop a BIDS dataset first.';
  const why = blocker ?? (chosen ? null : 'Choose the model to run.');

  const start = async (): Promise<void> => {
    const job = await run();
    if (job) props.onStarted(job);
  };

  return (
    <Stack spacing={2}>
      <DatasetDropZone busy={busy} nativeDialogs={props.nativeDialogs} onFile={(file) => void takeFile(file)} onPath={(path) => void takePath(path)} />
      {intakeError && (
        <Alert severity="error" data-testid="intake-error">
          {intakeError}
        </Alert>
      )}
      {upload && validation && <ValidationFindings upload={upload} validation={validation} />}
      <ModelSelector models={models} choice={choice} loaded={modelsLoaded} error={modelsError} onChoose={choose} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" startIcon={<PlayIcon />} disabled={why !== null || starting || busy !== null} onClick={() => void start()} data-testid="run-prediction">
          Run
        </Button>
        {why && !busy && (
          <Typography variant="body2" color="text.secondary" data-testid="run-blocker">
            {why}
          </Typography>
        )}
      </Stack>
      {runError && (
        <Alert severity="error" data-testid="run-error">
          The prediction did not start: {runError}
        </Alert>
      )}
    </Stack>
  );
}
