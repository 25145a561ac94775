import { useState } from 'react';
import { Box, Typography } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, metricOfX, type ChartSettings, type XY } from './chart-data';

const PALETTE = ['#1976d2', '#d32f2f', '#388e3c', '#f57c00', '#7b1fa2', '#0097a7', '#5d4037', '#c2185b', '#512da8', '#689f38'];

/** Seconds as "42s", "3m 05s" or "1h 02m". */
function elapsed(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export const colorFor = (index: number): string => PALETTE[index % PALETTE.length]!;

/** How the x values of a chart read: steps, seconds since the start, clock time, or another metric's values. */
export function xFormatter(settings: ChartSettings, relativeTime: boolean): (v: number) => string {
  if (settings.x === 'time') return relativeTime ? elapsed : (v) => new Date(v).toLocaleTimeString();
  if (settings.x === 'step') return (v) => String(v);
  return formatNumber;
}

/**
 * One metric for one or more runs, drawn from server-downsampled series (at most a few
 * thousand points each), so a 10,000-step or 1,000,000-step run charts as fast as a short one.
 * Dragging across the plot zooms to that x range.
 */
export function MetricChart(props: {
  title: string;
  lines: Array<{ label: string; points: XY[] }>;
  settings: ChartSettings;
  formatX(v: number): string;
  /** Points shown and points logged, for the caption. */
  shown: number;
  total: number;
  onZoom(range: { from: number; to: number }): void;
  height?: number;
}) {
  const { settings, lines } = props;
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const xName = metricOfX(settings.x) ?? (settings.x === 'time' ? 'time' : 'step');
  const labelOf = (v: unknown): string => (settings.x === 'step' ? `step ${String(v)}` : settings.x === 'time' ? props.formatX(Number(v)) : `${xName} ${formatNumber(Number(v))}`);
  const xOf = (state: { activeLabel?: unknown } | null): number | null => {
    const v = Number(state?.activeLabel);
    return state?.activeLabel === undefined || !Number.isFinite(v) ? null : v;
  };
  return (
    <Box
      data-testid="metric-chart"
      data-metric={props.title}
      data-points={props.shown}
      data-log={settings.logY}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1, userSelect: 'none' }}
    >
      <Typography variant="subtitle2" component="h3" sx={{ px: 1 }}>
        {props.title}
        <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
          {props.shown < props.total ? `${props.shown.toLocaleString()} of ${props.total.toLocaleString()} points` : `${props.total.toLocaleString()} points`}
        </Typography>
      </Typography>
      <ResponsiveContainer width="100%" height={props.height ?? 240}>
        <LineChart
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          onMouseDown={(state) => {
            const x = xOf(state);
            if (x !== null) setDrag({ from: x, to: x });
          }}
          onMouseMove={(state) => {
            const x = xOf(state);
            if (drag && x !== null) setDrag({ ...drag, to: x });
          }}
          onMouseUp={() => {
            if (drag && drag.from !== drag.to) props.onZoom({ from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) });
            setDrag(null);
          }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={settings.range ? [settings.range.from, settings.range.to] : ['dataMin', 'dataMax']}
            allowDataOverflow={settings.range !== null}
            allowDuplicatedCategory={false}
            tickFormatter={props.formatX}
          />
          <YAxis
            type="number"
            scale={settings.logY ? 'log' : 'auto'}
            domain={['auto', 'auto']}
            allowDataOverflow={settings.logY}
            width={64}
            tickFormatter={formatNumber}
          />
          <Tooltip labelFormatter={labelOf} formatter={(v) => formatNumber(Number(v))} />
          {lines.length > 1 && <Legend />}
          {lines.map((line, i) => (
            <Line key={line.label} name={line.label} data={line.points} dataKey="y" stroke={colorFor(i)} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          ))}
          {drag && drag.from !== drag.to && <ReferenceArea x1={drag.from} x2={drag.to} strokeOpacity={0.3} />}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
