import { useMemo } from 'react';
import { Box, Typography } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartAxis, ChartSeries } from './types';

const PALETTE = ['#1976d2', '#d32f2f', '#388e3c', '#f57c00', '#7b1fa2', '#0097a7', '#5d4037', '#c2185b', '#512da8', '#689f38'];

/** Seconds as "42s", "3m 05s" or "1h 02m". */
function elapsed(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export const colorFor = (index: number): string => PALETTE[index % PALETTE.length]!;

/**
 * One metric for one or more runs, drawn from server-downsampled series (at most a few
 * thousand points each), so a 10,000-step or 1,000,000-step run charts as fast as a short one.
 */
export function MetricChart(props: {
  title: string;
  /** With `startTime` on every series, the time axis shows time since each run started, so runs overlay. */
  series: Array<{ label: string; data: ChartSeries; startTime?: number }>;
  axis: ChartAxis;
  height?: number;
}) {
  const { series, axis } = props;
  const relative = axis === 'time' && series.every((s) => s.startTime !== undefined);
  const lines = useMemo(
    () =>
      series.map((s) => ({
        label: s.label,
        points: s.data.points.map((p) => ({
          x: axis === 'step' ? p.step : relative ? (p.timestamp - s.startTime!) / 1000 : p.timestamp,
          y: p.value,
        })),
      })),
    [series, axis, relative],
  );
  const formatX = (v: number): string => (axis === 'step' ? String(v) : relative ? elapsed(v) : new Date(v).toLocaleTimeString());
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
            tickFormatter={formatX}
          />
          <YAxis type="number" domain={['auto', 'auto']} width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(4)))} />
          <Tooltip labelFormatter={(v) => (axis === 'step' ? `step ${v}` : relative ? `${elapsed(Number(v))} after start` : new Date(Number(v)).toLocaleString())} />
          {lines.length > 1 && <Legend />}
          {lines.map((line, i) => (
            <Line key={line.label} name={line.label} data={line.points} dataKey="y" stroke={colorFor(i)} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
