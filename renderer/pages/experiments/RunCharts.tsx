import { useEffect, useState } from 'react';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { api } from '../../api/client';
import { AxisToggle } from './AxisToggle';
import { MetricChart } from './MetricChart';
import type { ChartAxis, ChartSeries } from './types';

const CHART_POINTS = 1000;

/** One chart per metric of a run, each downsampled on the server. */
export function RunCharts(props: { runId: string; metricKeys: string[] }) {
  const [axis, setAxis] = useState<ChartAxis>('step');
  const [series, setSeries] = useState<ChartSeries[]>([]);
  const [error, setError] = useState<string | null>(null);
  const keys = props.metricKeys.join('\n');
  useEffect(() => {
    let live = true;
    Promise.all(keys.split('\n').filter(Boolean).map((key) => api.tracking.getMetricHistory({ runId: props.runId, key, maxPoints: CHART_POINTS, axis })))
      .then((all) => live && (setSeries(all), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.runId, keys, axis]);
  if (props.metricKeys.length === 0) return <Typography color="text.secondary">This run has logged no metrics.</Typography>;
  return (
    <Stack spacing={2}>
      <AxisToggle axis={axis} onChange={setAxis} />
      {error && <Alert severity="error">{error}</Alert>}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))', gap: 2 }}>
        {series.map((s) => (
          <MetricChart key={s.key} title={s.key} series={[{ label: s.key, data: s }]} axis={axis} />
        ))}
      </Box>
    </Stack>
  );
}
