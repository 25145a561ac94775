import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrainingStatus } from '../../../main/contract/training';
import { api, onEvent } from '../../api/client';

type SourceKind = 'demo' | 'dataset' | 'features';
const MODELS = [
  { value: 'rf', label: 'Random forest' },
  { value: 'logreg', label: 'Logistic regression' },
  { value: 'gbt', label: 'Gradient-boosted trees' },
] as const;

const pct = (x: number | undefined): string => (x === undefined ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/** The CV scores of a trained model as a bar per fold. */
function CvScoresChart(props: { scores: number[] }) {
  const data = props.scores.map((score, i) => ({ fold: `fold ${i + 1}`, accuracy: score }));
  return (
    <Box aria-label="CV scores chart" role="img" sx={{ height: 200 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="fold" />
          <YAxis domain={[0, 1]} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Bar dataKey="accuracy" fill="#1976d2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}

function TrainingResult(props: { status: TrainingStatus }) {
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
      <Typography variant="subtitle2">Cross-validation accuracy per fold</Typography>
      <CvScoresChart scores={result.cv.scores} />
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
    </Stack>
  );
}

/**
 * "Train a model": the demo dataset (made on first use), a folder or zip, or a
 * feature table; the model type and the search budget; the flow's progress live;
 * the result once it is registered. Paths on disk need the desktop app.
 */
export function TrainModel(props: { nativeDialogs: boolean; onTrained(): void }) {
  const [source, setSource] = useState<SourceKind>('demo');
  const [path, setPath] = useState('');
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
    setProgress({ fraction: 0, text: source === 'demo' ? 'preparing the demo dataset (made on first use)…' : 'starting…' });
    const options = { model, search, label, cv: 5 };
    try {
      const started =
        source === 'demo' ? await api.training.startDemo(options) : await api.training.start({ ...options, source: { kind: source, path } });
      setRunning(started.flowRun.flowRunId);
    } catch (e) {
      setProgress(null);
      setError((e as Error).message);
    }
  };

  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Train a model
        </Typography>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
          <TextField select label="Data" value={source} onChange={(e) => setSource(e.target.value as SourceKind)} sx={{ minWidth: 220 }}>
            <MenuItem value="demo">Demo dataset (48 subjects)</MenuItem>
            <MenuItem value="dataset" disabled={!props.nativeDialogs}>BIDS folder or zip</MenuItem>
            <MenuItem value="features" disabled={!props.nativeDialogs}>Feature table (CSV)</MenuItem>
          </TextField>
          {source !== 'demo' && <TextField label="Path on this computer" value={path} onChange={(e) => setPath(e.target.value)} sx={{ minWidth: 320 }} />}
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
          <Button variant="contained" onClick={() => void start()} disabled={progress !== null || (source !== 'demo' && !path)}>
            Train
          </Button>
        </Stack>
        {!props.nativeDialogs && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            In a browser, train on the demo; for your own data use the desktop app or `neuroops train --dataset DIR`.
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
