import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, FormControlLabel, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import BackIcon from '@mui/icons-material/ArrowBack';
import { api } from '../../api/client';
import { ChartControls } from './ChartControls';
import { DEFAULT_CHART_SETTINGS, linePoints, metricOfX, type ChartSettings } from './chart-data';
import { keysOf } from './format';
import { MetricChart, xFormatter } from './MetricChart';
import { diffRuns } from './run-diff';
import { RunsPlots } from './RunsPlots';
import type { ChartSeries, Run } from './types';

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 20;
const MAX_CHARTS = 12;

/** 2–20 runs: each metric overlaid on one chart, and a params/metrics table that marks what differs. */
export function CompareView(props: { runIds: string[]; onBack(): void; onOpen(runId: string): void }) {
  const [runs, setRuns] = useState<Run[]>([]);
  const [charts, setCharts] = useState<Array<{ key: string; series: ChartSeries[] }>>([]);
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_CHART_SETTINGS);
  const axis = settings.x === 'time' ? 'time' : 'step';
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = props.runIds.join(',');

  useEffect(() => {
    let live = true;
    Promise.all(ids.split(',').map((runId) => api.tracking.getRun({ runId })))
      .then((loaded) => live && (setRuns(loaded), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [ids]);

  const allMetricKeys = useMemo(() => keysOf(runs, (r) => r.data.metrics), [runs]);
  const xKey = metricOfX(settings.x);
  // The x metric is fetched even when it is not among the first charts.
  const metricKeys = useMemo(() => [...new Set([...allMetricKeys.slice(0, MAX_CHARTS), ...(xKey ? [xKey] : [])])], [allMetricKeys, xKey]);
  useEffect(() => {
    if (runs.length === 0) return;
    let live = true;
    const runIds = runs.map((r) => r.info.runId);
    Promise.all(metricKeys.map(async (key) => ({ key, series: (await api.tracking.getMetricHistoryBulk({ runIds, key, maxPoints: 1000, axis })).series })))
      .then((all) => live && setCharts(all))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [runs, metricKeys, axis]);

  const rows = useMemo(() => diffRuns(runs), [runs]);
  const startOf = (runId: string): number | undefined => runs.find((r) => r.info.runId === runId)?.info.startTime;
  const nameOf = (runId: string): string => runs.find((r) => r.info.runId === runId)?.info.runName ?? runId.slice(0, 8);
  if (props.runIds.length < MIN_COMPARE || props.runIds.length > MAX_COMPARE) {
    return <Alert severity="warning">Choose {MIN_COMPARE} to {MAX_COMPARE} runs to compare.</Alert>;
  }
  return (
    <Box data-testid="compare-view">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Button startIcon={<BackIcon />} onClick={props.onBack}>Runs</Button>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>Comparing {props.runIds.length} runs</Typography>
      </Stack>
      <Box sx={{ mb: 2 }}>
        <ChartControls settings={settings} metricKeys={allMetricKeys} onChange={setSettings} />
      </Box>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(460px, 1fr))', gap: 2, mb: 3 }}>
        {charts
          .filter((chart) => chart.key !== xKey)
          .map((chart) => {
            const xSeriesOf = (runId: string) => charts.find((c) => c.key === xKey)?.series.find((s) => s.runId === runId)?.points;
            const lines = chart.series.map((s) => ({ label: nameOf(s.runId), points: linePoints(s.points, settings, { xSeries: xSeriesOf(s.runId), startTime: startOf(s.runId) }) }));
            return (
              <MetricChart
                key={chart.key}
                title={chart.key}
                lines={lines}
                settings={settings}
                formatX={xFormatter(settings, true)}
                shown={lines.reduce((n, l) => n + l.points.length, 0)}
                total={chart.series.reduce((n, s) => n + s.totalPoints, 0)}
                onZoom={(range) => setSettings({ ...settings, range })}
              />
            );
          })}
      </Box>
      <Box sx={{ mb: 3 }}>
        <RunsPlots runs={runs} rows={rows} nameOf={nameOf} />
      </Box>
      <FormControlLabel control={<Switch checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} />} label="Only what differs" />
      <Box sx={{ overflow: 'auto' }}>
        <Table size="small" aria-label="run differences" data-testid="compare-table">
          <TableHead>
            <TableRow>
              <TableCell />
              {runs.map((r) => (
                <TableCell key={r.info.runId}>
                  <Button size="small" sx={{ textTransform: 'none' }} onClick={() => props.onOpen(r.info.runId)} data-testid="compare-run-name">{r.info.runName}</Button>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows
              .filter((row) => !onlyDiffs || row.differs)
              .map((row) => (
                <TableRow
                  key={`${row.kind}:${row.key}`}
                  data-testid="compare-row"
                  data-key={`${row.kind}:${row.key}`}
                  data-differs={row.differs}
                  sx={row.differs ? { bgcolor: (t) => alpha(t.palette.primary.main, t.palette.mode === 'dark' ? 0.22 : 0.1), '& td': { fontWeight: 600 } } : undefined}
                >
                  <TableCell>{row.kind === 'param' ? 'param' : 'metric'} · {row.key}</TableCell>
                  {row.values.map((v, i) => <TableCell key={i} sx={{ fontFamily: 'monospace' }}>{v}</TableCell>)}
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
