import { useMemo } from 'react';
import { Alert, Box, Button, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import CompareIcon from '@mui/icons-material/CompareArrows';
import { ColumnChooser } from './ColumnChooser';
import { MAX_COMPARE, MIN_COMPARE } from './CompareView';
import { ExperimentList } from './ExperimentList';
import { useExperiments } from './experiments-store';
import { keysOf } from './format';
import { RunFilterBox } from './RunFilterBox';
import { RunsTable } from './RunsTable';

/** Experiments on the left; on the right the filter, the column chooser and the runs table. */
export function RunsView(props: { onOpen(runId: string): void; onCompare(runIds: string[]): void }) {
  const store = useExperiments();
  const paramKeys = useMemo(() => keysOf(store.runs, (r) => r.data.params), [store.runs]);
  const metricKeys = useMemo(() => keysOf(store.runs, (r) => r.data.metrics), [store.runs]);
  const canCompare = store.checked.length >= MIN_COMPARE && store.checked.length <= MAX_COMPARE;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '260px 1fr', gap: 2, alignItems: 'start' }}>
      <ExperimentList experiments={store.experiments} selected={store.selectedExperimentIds} onSelect={store.selectExperiments} />
      <Stack spacing={1} sx={{ minWidth: 0 }}>
        {store.error && <Alert severity="error">{store.error}</Alert>}
        <RunFilterBox key={store.filter} filter={store.filter} error={store.filterError} onApply={store.setFilter} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }} data-testid="run-count">
            {store.runs.length.toLocaleString()}
            {store.nextPageToken ? '+' : ''} runs
            {store.loadingRuns ? ' · loading…' : ''}
          </Typography>
          <FormControlLabel
            control={<Switch size="small" checked={store.showDeleted} onChange={(e) => store.setShowDeleted(e.target.checked)} data-testid="show-deleted" />}
            label="Deleted runs"
          />
          <ColumnChooser
            params={paramKeys}
            metrics={metricKeys}
            chosenParams={store.paramColumns}
            chosenMetrics={store.metricColumns}
            onChange={store.setColumns}
          />
          <Button
            variant="contained"
            startIcon={<CompareIcon />}
            disabled={!canCompare}
            onClick={() => props.onCompare(store.checked)}
            data-testid="compare-button"
            title={canCompare ? undefined : `Tick ${MIN_COMPARE} to ${MAX_COMPARE} runs to compare them`}
          >
            Compare {store.checked.length > 0 ? store.checked.length : ''}
          </Button>
        </Stack>
        <RunsTable
          runs={store.runs}
          metricColumns={store.metricColumns}
          paramColumns={store.paramColumns}
          sort={store.sort}
          checked={store.checked}
          hasMore={store.nextPageToken !== undefined}
          onSort={store.setSort}
          onToggleChecked={store.toggleChecked}
          onOpen={props.onOpen}
          onNeedMore={store.loadMoreRuns}
        />
      </Stack>
    </Box>
  );
}
