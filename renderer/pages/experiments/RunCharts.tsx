import { useEffect, useState } from 'react';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { api } from '../../api/client';
import { ChartControls } from './ChartControls';
import { DEFAULT_CHART_SETTINGS, linePoints, metricOfX, type ChartSettings } from './chart-data';
import { MetricChart, xFormatter } from './MetricChart';
import type { ChartSeries } from './types';

const CHART_POINTS = 1000;

/**
 * One chart per metric of a run, each downsampled on the server. `revision` changes when
 * the run logged more, and the charts refetch: a running run's charts grow as it logs.
 */
export function RunCharts(props: { runId: string; metricKeys: string[]; revision: number }) {
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_CHART_SETTINGS);
  const [series, setSeries] = useState<ChartSeries[]>([]);
  const [error, setError] = useState<string | null>(null);
  const keys = props.metricKeys.join('\n');
  const axis = settings.x === 'time' ? 'time' : 'step';
  useEffect(() => {
    let live = true;
    Promise.all(keys.split('\n').filter(Boolean).map((key) => api.tracking.getMetricHistory({ runId: props.runId, key, maxPoints: CHART_POINTS, axis })))
      .then((all) => live && (setSeries(all), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.runId, keys, axis, props.revision]);
  if (props.metricKeys.length === 0) return <Typography color="text.secondary">This run has logged no metrics yet.</Typography>;
  const xKey = metricOfX(settings.x);
  const xSeries = xKey ? series.find((s) => s.key === xKey)?.points : undefined;
  const formatX = xFormatter(settings, false);
  return (
    <Stack spacing={2}>
      <ChartControls settings={settings} metricKeys={props.metricKeys} onChange={setSettings} />
      {error && <Alert severity="error">{error}</Alert>}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))', gap: 2 }}>
        {series
          .filter((s) => s.key !== xKey)
          .map((s) => {
            const points = linePoints(s.points, settings, { xSeries });
            return (
              <MetricChart
                key={s.key}
                title={s.key}
                lines={[{ label: s.key, points }]}
                settings={settings}
                formatX={formatX}
                shown={points.length}
                total={s.totalPoints}
                onZoom={(range) => setSettings({ ...settings, range })}
              />
            );
          })}
      </Box>
    </Stack>
  );
}
