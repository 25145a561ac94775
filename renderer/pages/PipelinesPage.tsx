import { useEffect, useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrow';
import { routeParams, useRoute } from '../store/route';
import { FlowRunsTable } from './pipelines/FlowRunsTable';
import { FlowRunView } from './pipelines/FlowRunView';
import { followExecutorEvents, usePipelines } from './pipelines/pipelines-store';
import { StartFlowDialog } from './pipelines/StartFlowDialog';

const REFRESH_MS = 3000;

/** Flow runs (`#/pipelines`) and one run in detail (`#/pipelines/runs/<id>`). */
export function PipelinesPage() {
  const { path, navigate } = useRoute();
  const [, section, openId] = ['', ...routeParams(path)];
  const runId = section === 'runs' ? openId : undefined;
  const { flows, runs, detail, logs, error, loadFlows, loadRuns, openRun, refreshRun, closeRun } = usePipelines();
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    const stop = followExecutorEvents();
    void loadFlows();
    void loadRuns();
    return stop;
  }, [loadFlows, loadRuns]);

  useEffect(() => {
    if (runId) void openRun(runId);
    else closeRun();
  }, [runId, openRun, closeRun]);

  // Runs started by another process (`neuroops flows run` beside the app) send this page no
  // events: a slow poll picks them up.
  useEffect(() => {
    const timer = window.setInterval(() => void (runId ? refreshRun() : loadRuns()), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [runId, refreshRun, loadRuns]);

  const open = (id: string): void => navigate(`/pipelines/runs/${encodeURIComponent(id)}`);

  return (
    <Box>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          Pipelines
        </Typography>
        <Button variant="contained" startIcon={<PlayIcon />} onClick={() => setStarting(true)} disabled={flows.length === 0} data-testid="start-flow-button">
          Run a flow
        </Button>
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      {runId && detail && <FlowRunView detail={detail} logs={logs} onBack={() => navigate('/pipelines')} onOpen={open} />}
      {runId && !detail && !error && <Typography color="text.secondary">Loading the run…</Typography>}
      {!runId && <FlowRunsTable runs={runs} onOpen={open} />}
      {starting && (
        <StartFlowDialog
          open
          flows={flows}
          onClose={() => setStarting(false)}
          onStarted={(id) => {
            setStarting(false);
            open(id);
          }}
        />
      )}
    </Box>
  );
}
