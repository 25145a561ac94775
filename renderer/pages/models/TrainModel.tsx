import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Link, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import type { TrainingStatus } from '../../../main/contract/training';
import { api, onEvent } from '../../api/client';
import { useRoute } from '../../store/route';
import { TrainingCharts } from '../experiments/training-charts/TrainingCharts';
import { formatPercent } from './format';
import { uploadForTraining } from './training-source';
import { TrainingSourcePicker, type TrainingSourceValue } from './TrainingSourcePicker';
const MODELS = [
  { value: 'rf', label: 'Random forest' },
  { value: 'logreg', label: 'Logistic regression' },
  { value: 'gbt', label: 'Gradient-boosted trees' },
] as const;

const pct = (x: number | undefined): string => (x === undefined ? 'n/a' : formatPercent(x));

function TrainingResult(props: { status: TrainingStatus }) {
  const navigate = useRoute((s) => s.navigate);
  const { result, modelVersion, flowRun } = props.status;
  if (flowRun.state !== 'Completed' || !result) {
    return <Alert severity={flowRun.state === 'Failed' || flowRun.state === 'Crashed' ? 'error' : 'info'}>Training {flowRun.state.toLowerCase()}{flowRun.stateMessage ? `: ${flowRun.stateMessage}` : ''}</Alert>;
  }
  const m = result.metrics;
  return (
    <Stack spacing={1} data-testid="training-result">
      <Alert severity="success">
        Trained a {result.model} on {result.featureNames.length} features: CV accuracy {pct(result.cv.mean)} ± {pct(result.cv.std)}, test accuracy {pct(m.accuracy)}.
        {modelVersion ? ` Registered as ${modelVersion.name} version ${modelVersion.version}.` : ''}
      </Alert>
      <Table size="small" aria-label="Test metrics">
        <TableHead>
          <TableRow>
            <TableCell>Metric (test split)</TableCell>
            <TableCell align="right">Value</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {['accuracy', 'balanced_accuracy', 'f1_macro', 'roc_auc', 'log_loss'].map((key) => (
            <TableRow key={key}>
              <TableCell>{key}</TableCell>
              <TableCell align="right">{m[key]?.toFixed(3) ?? 'n/a'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {props.status.trainRunId && (
        <>
          <Link component="button" variant="body2" sx={{ alignSelf: 'flex-start' }} onClick={() => navigate(`/experiments/runs/${encodeURIComponent(props.status.trainRunId!)}`)} data-testid="training-run-link">
            Open the train run
          </Link>
          <TrainingCharts runId={props.status.trainRunId} />
        </>
      )}
    </Stack>
  );
}

/**
 * "Train a model": the demo dataset (made on first use), a folder or zip, or a
 * feature table; the model type and the search budget; the flow's progress live;
 * the result once it is registered, with its evaluation charts. The desktop app
 * picks paths with the native dialog; a browser uploads the zip or CSV first.
 */
export function TrainModel(props: { nativeDialogs: boolean; onTrained(): void }) {
  const [source, setSource] = useState<TrainingSourceValue>({ kind: 'demo', path: '', file: null });
  const [label, setLabel] = useState('group');
  const [model, setModel] = useState<'rf' | 'logreg' | 'gbt'>('rf');
  const [search, setSearch] = useState(0);
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ fraction: number; text: string } | null>(null);
  const [status, setStatus] = useState<TrainingStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { onTrained } = props;
  const finish = useCallback(
    (s: TrainingStatus): void => {
      setStatus(s);
      setRunning(null);
      setProgress(null);
      onTrained();
    },
    [onTrained],
  );

  useEffect(() => {
    if (!running) return;
    const labels = new Map<string, string>();
    const stops = [
      onEvent('executor.taskRunChanged', (task) => {
        if (task.flowRunId !== running) return;
        labels.set(task.taskRunId, task.label);
        setProgress((p) => ({ fraction: p?.fraction ?? 0, text: `${task.label}: ${task.state}` }));
      }),
      onEvent('executor.progress', (p) => {
        if (p.flowRunId === running) setProgress({ fraction: p.fraction, text: `${labels.get(p.taskRunId) ?? 'task'} ${Math.round(p.fraction * 100)}%${p.message ? ` ${p.message}` : ''}` });
      }),
      // The model is registered just after the flow ends: the registry's event says the training is whole.
      onEvent('registry.changed', () => void api.training.get({ flowRunId: running }).then((s) => s.modelVersion && finish(s))),
      onEvent('executor.flowRunChanged', (run) => {
        if (run.flowRunId === running && run.state !== 'Completed' && ['Failed', 'Crashed', 'Cancelled'].includes(run.state)) void api.training.get({ flowRunId: running }).then(finish);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [running, finish]);

  const start = async (): Promise<void> => {
    setError(null);
    setStatus(null);
    setProgress({ fraction: 0, text: source.kind === 'demo' ? 'preparing the demo dataset (made on first use)…' : 'starting…' });
    const options = { model, search, label, cv: 5 };
    try {
      let started: TrainingStatus;
      if (source.kind === 'demo') started = await api.training.startDemo(options);
      else if (props.nativeDialogs) started = await api.training.start({ ...options, source: { kind: source.kind, path: source.path } });
      else {
        setProgress({ fraction: 0, text: `uploading ${source.file!.name}…` });
        const upload = await uploadForTraining(source.file!);
        started = await api.training.startUpload({ ...options, uploadId: upload.id });
      }
      setRunning(started.flowRun.flowRunId);
    } catch (e) {
      setProgress(null);
      setError((e as Error).message);
    }
  };
  const chosen = source.kind === 'demo' || (props.nativeDialogs ? source.path !== '' : source.file !== null);

  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Train a model
        </Typography>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
          <TrainingSourcePicker nativeDialogs={props.nativeDialogs} value={source} onChange={setSource} />
          <TextField label="Label column" value={label} onChange={(e) => setLabel(e.target.value)} />
          <TextField select label="Model type" value={model} onChange={(e) => setModel(e.target.value as typeof model)} sx={{ minWidth: 220 }}>
            {MODELS.map((m) => (
              <MenuItem key={m.value} value={m.value}>
                {m.label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Search budget (candidates)"
            type="number"
            value={search}
            onChange={(e) => setSearch(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
            slotProps={{ htmlInput: { min: 0, max: 10000 } }}
          />
          <Button variant="contained" onClick={() => void start()} disabled={progress !== null || !chosen}>
            Train
          </Button>
        </Stack>
        {!props.nativeDialogs && source.kind !== 'demo' && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            The file is uploaded to the server, kept under uploads/ with its sha256, and trained on there.
          </Typography>
        )}
        {progress && (
          <Box sx={{ mt: 2 }} data-testid="training-progress">
            <LinearProgress variant={progress.fraction > 0 ? 'determinate' : 'indeterminate'} value={progress.fraction * 100} />
            <Typography variant="body2">{progress.text}</Typography>
          </Box>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {status && (
          <Box sx={{ mt: 2 }}>
            <TrainingResult status={status} />
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
