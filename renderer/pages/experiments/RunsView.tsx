import { useEffect, useMemo } from 'react';
import { Alert, Box, Button, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import CompareIcon from '@mui/icons-material/CompareArrows';
import { ColumnChooser } from './ColumnChooser';
import { MAX_COMPARE, MIN_COMPARE } from './CompareView';
import { ExperimentList } from './ExperimentList';
import { useExperiments } from './experiments-store';
import { defaultColumns, parseView, viewQuery } from './experiments-view';
import { keysOf, mergeKeys } from './format';
import { routeQuery, useRoute } from '../../store/route';
import { RunFilterBox } from './RunFilterBox';
import { RunsTable } from './RunsTable';
import { useRunSync } from './use-run-sync';

/** Experiments on the left; on the right the filter, the column chooser and the runs table. */
export function RunsView(props: { onOpen(runId: string): void; onCompare(runIds: string[]): void }) {
  const store = useExperiments();
  const { applyView } = store;
  const { path, replace } = useRoute();
  const query = routeQuery(path).toString();
  // The URL holds the view: a reload or a bookmark shows the same runs. An empty query
  // (the sidebar's link, "back to runs") keeps the view already open.
  useEffect(() => {
    if (query) applyView(parseView(new URLSearchParams(query)));
  }, [query, applyView]);
  const wanted = viewQuery({ experimentIds: store.selectedExperimentIds, filter: store.filter, sort: store.sort, columns: store.columns, showDeleted: store.showDeleted });
  useEffect(() => {
    if (wanted && wanted !== query) replace(`/experiments?${wanted}`);
    // Only the store's changes write the URL; the URL's own changes are applied above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted]);
  const columns = useMemo(() => store.columns ?? defaultColumns(store.runs), [store.columns, store.runs]);
  // The tracker's key lists, with any key of a run loaded since (a run logging right now).
  const paramKeys = useMemo(() => mergeKeys(store.keys.params, keysOf(store.runs, (r) => r.data.params)), [store.keys.params, store.runs]);
  const metricKeys = useMemo(() => mergeKeys(store.keys.metrics, keysOf(store.runs, (r) => r.data.metrics)), [store.keys.metrics, store.runs]);
  const sync = useRunSync(store.runs);
  const canCompare = store.checked.length >= MIN_COMPARE && store.checked.length <= MAX_COMPARE;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '260px 1fr', gap: 2, alignItems: 'start' }}>
      <ExperimentList experiments={store.experiments} activity={store.activity} selected={store.selectedExperimentIds} onSelect={store.selectExperiments} />
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
            chosen={columns}
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
          metricColumns={columns.metrics}
          paramColumns={columns.params}
          sort={store.sort}
          checked={store.checked}
          hasMore={store.nextPageToken !== undefined}
          sync={sync}
          onSort={store.setSort}
          onToggleChecked={store.toggleChecked}
          onOpen={props.onOpen}
          onNeedMore={store.loadMoreRuns}
        />
      </Stack>
    </Box>
  );
}
