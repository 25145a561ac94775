import { Alert, Box, Chip, List, ListItem, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useRoute } from '../store/route';
import { SummaryCard } from './dashboard/SummaryCard';
import { useDashboard } from './dashboard/use-dashboard';
import { RunStatusChip } from './experiments/RunStatusChip';
import { StateChip } from './pipelines/StateChip';

function formatMetric(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

function Empty(props: { children: string }) {
  return (
    <Typography color="text.secondary" variant="body2">
      {props.children}
    </Typography>
  );
}

export function DashboardPage() {
  const { navigate } = useRoute();
  const { data, error } = useDashboard();
  return (
    <Box>
      <Typography variant="h5" component="h1" gutterBottom>
        Dashboard
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}
      {data && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
          <SummaryCard title="Models in production" testId="dashboard-models" action="Open models" onAction={() => navigate('/models')}>
            {data.models.length === 0 && <Empty>No model has a version in production yet. Promote a registered version to see it here.</Empty>}
            <List dense disablePadding>
              {data.models.map((model) => (
                <ListItem key={model.name} disablePadding>
                  <ListItemButton onClick={() => navigate(`/models/${encodeURIComponent(model.name)}`)} data-testid="dashboard-model">
                    <ListItemText
                      primary={model.name}
                      secondary={[`version ${model.production.version}`, ...Object.entries(model.production.metrics ?? {}).slice(0, 3).map(([k, v]) => `${k} ${formatMetric(v)}`)].join(' · ')}
                      sx={{ minWidth: 0, mr: 1 }}
                    />
                    <Chip size="small" color="success" label="production" sx={{ flexShrink: 0 }} />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          </SummaryCard>
          <SummaryCard title="Recent runs" testId="dashboard-runs" action="Open experiments" onAction={() => navigate('/experiments')}>
            <Typography variant="body2" color="text.secondary" gutterBottom>
              {data.experimentCount} experiment(s)
            </Typography>
            {data.recentRuns.length === 0 && <Empty>No runs yet. Start a flow, or point an MLflow script at this server.</Empty>}
            <List dense disablePadding>
              {data.recentRuns.map((run) => (
                <ListItem key={run.info.runId} disablePadding>
                  <ListItemButton onClick={() => navigate(`/experiments/runs/${encodeURIComponent(run.info.runId)}`)}>
                    <ListItemText
                      primary={run.info.runName || run.info.runId}
                      secondary={`${data.experimentNames[run.info.experimentId] ?? run.info.experimentId} · ${new Date(run.info.startTime).toLocaleString()}`}
                    />
                    <RunStatusChip status={run.info.status} />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          </SummaryCard>
          <SummaryCard title="Pipelines" testId="dashboard-flows" action="Open pipelines" onAction={() => navigate('/pipelines')}>
            {data.flowRuns.length === 0 && <Empty>No flow runs yet.</Empty>}
            <List dense disablePadding>
              {data.flowRuns.map((run) => (
                <ListItem key={run.flowRunId} disablePadding>
                  <ListItemButton onClick={() => navigate(`/pipelines/runs/${encodeURIComponent(run.flowRunId)}`)}>
                    <ListItemText primary={run.flowName} secondary={new Date(run.createdAt).toLocaleString()} />
                    <StateChip state={run.state} />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          </SummaryCard>
          <SummaryCard title="Predictions" testId="dashboard-predictions" action="Open predictions" onAction={() => navigate('/predictions')}>
            <Stack spacing={1}>
              <Empty>Prediction counts and recent activity will appear here once predictions on new BIDS data are available.</Empty>
            </Stack>
          </SummaryCard>
        </Box>
      )}
    </Box>
  );
}
