import { useState } from 'react';
import { Alert, Button, Link, Stack, Typography } from '@mui/material';
import BackIcon from '@mui/icons-material/ArrowBack';
import CancelIcon from '@mui/icons-material/StopCircle';
import RetryIcon from '@mui/icons-material/Replay';
import { api } from '../../api/client';
import { Section } from '../../shell/Section';
import { useRoute } from '../../store/route';
import { FeaturesRunResults } from './features/FeaturesRunResults';
import { compactParams, runDuration, TERMINAL } from './format';
import type { FlowRunDetail } from './pipelines-store';
import type { LogLine } from '../../../main/contract/executor';
import { RunLog } from './RunLog';
import { StateChip } from './StateChip';
import { TaskProgressList } from './TaskProgressList';
import { TaskTimeline } from './TaskTimeline';
import { useNow } from './use-now';

/** One flow run: its state, params, timeline, progress and log, with Cancel and Retry. */
export function FlowRunView(props: { detail: FlowRunDetail; logs: LogLine[]; onBack(): void; onOpen(flowRunId: string): void }) {
  const { flowRun, taskRuns } = props.detail;
  const finished = TERMINAL.has(flowRun.state);
  const now = useNow(!finished);
  const [error, setError] = useState<string | null>(null);
  const navigate = useRoute((s) => s.navigate);
  const act = async (action: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button startIcon={<BackIcon />} onClick={props.onBack}>
          All runs
        </Button>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {flowRun.flowName} <StateChip state={flowRun.state} testId="flow-run-state" />
        </Typography>
        <Button
          color="warning"
          variant="outlined"
          startIcon={<CancelIcon />}
          disabled={finished || flowRun.state === 'Cancelling'}
          onClick={() => void act(() => api.executor.cancelFlowRun({ flowRunId: flowRun.flowRunId }))}
          data-testid="cancel-flow-run"
        >
          Cancel
        </Button>
        <Button
          variant="outlined"
          startIcon={<RetryIcon />}
          disabled={!finished}
          onClick={() => void act(async () => props.onOpen((await api.executor.retryFlowRun({ flowRunId: flowRun.flowRunId })).flowRunId))}
          data-testid="retry-flow-run"
        >
          Retry
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {flowRun.stateMessage && !finished && <Alert severity="info">{flowRun.stateMessage}</Alert>}
      {flowRun.stateMessage && finished && flowRun.state !== 'Completed' && (
        <Alert severity={flowRun.state === 'Cancelled' ? 'warning' : 'error'} data-testid="flow-run-message">
          {flowRun.stateMessage}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary" data-testid="flow-run-summary">
        Run {flowRun.flowRunId} · v{flowRun.flowVersion} · started {new Date(flowRun.createdAt).toLocaleString()} · {runDuration(flowRun, now)}
        {flowRun.trackingRunId && (
          <>
            {' · tracked run '}
            <Link component="button" variant="body2" onClick={() => navigate(`/experiments/runs/${encodeURIComponent(flowRun.trackingRunId!)}`)} data-testid="flow-tracked-run">
              {flowRun.trackingRunId.slice(-8)}
            </Link>
          </>
        )}
        {flowRun.retryOf && ` · retry of ${flowRun.retryOf}`}
      </Typography>
      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
        params: {compactParams(flowRun.params)}
      </Typography>
      {flowRun.flowName === 'features' && <FeaturesRunResults taskRuns={taskRuns} />}
      <Section title="Timeline">
        <TaskTimeline tasks={taskRuns} since={flowRun.startedAt ?? flowRun.createdAt} />
      </Section>
      <Section title="Progress">
        <TaskProgressList tasks={taskRuns} />
      </Section>
      <Section title="Log">
        <RunLog lines={props.logs} tasks={taskRuns} />
      </Section>
    </Stack>
  );
}
