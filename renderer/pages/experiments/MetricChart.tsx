import { useMemo } from 'react';
import { Box, Typography } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartAxis, ChartSeries } from './types';

const PALETTE = ['#1976d2', '#d32f2f', '#388e3c', '#f57c00', '#7b1fa2', '#0097a7', '#5d4037', '#c2185b', '#512da8', '#689f38'];

export const colorFor = (index: number): string => PALETTE[index % PALETTE.length]!;

/**
 * One metric for one or more runs, drawn from server-downsampled series (at most a few
 * thousand points each), so a 10,000-step or 1,000,000-step run charts as fast as a short one.
 */
export function MetricChart(props: { title: string; series: Array<{ label: string; data: ChartSeries }>; axis: ChartAxis; height?: number }) {
  const { series, axis } = props;
  const lines = useMemo(
    () => series.map((s) => ({ label: s.label, points: s.data.points.map((p) => ({ x: axis === 'step' ? p.step : p.timestamp, y: p.value })) })),
    [series, axis],
  );
  const total = series.reduce((n, s) => n + s.data.totalPoints, 0);
  const shown = series.reduce((n, s) => n + s.data.points.length, 0);
  return (
    <Box data-testid="metric-chart" data-metric={props.title} data-points={shown} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
      <Typography variant="subtitle2" sx={{ px: 1 }}>
        {props.title}
        <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
          {shown < total ? `${shown.toLocaleString()} of ${total.toLocaleString()} points` : `${total.toLocaleString()} points`}
        </Typography>
      </Typography>
      <ResponsiveContainer width="100%" height={props.height ?? 240}>
        <LineChart margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDuplicatedCategory={false}
            tickFormatter={(v: number) => (axis === 'time' ? new Date(v).toLocaleTimeString() : String(v))}
          />
          <YAxis type="number" domain={['auto', 'auto']} width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(4)))} />
          <Tooltip labelFormatter={(v) => (axis === 'time' ? new Date(Number(v)).toLocaleString() : `step ${v}`)} />
          {lines.length > 1 && <Legend />}
          {lines.map((line, i) => (
            <Line key={line.label} name={line.label} data={line.points} dataKey="y" stroke={colorFor(i)} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
