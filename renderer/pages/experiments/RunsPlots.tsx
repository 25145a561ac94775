import { useMemo, useState } from 'react';
import { Box, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { colorFor } from './MetricChart';
import { axisText, plotAxes, position, type PlotAxis } from './plot-axes';
import type { DiffRow } from './run-diff';
import type { Run } from './types';

const AXIS_GAP = 130;
const PLOT_HEIGHT = 220;
const PAD = { top: 36, bottom: 28, side: 60 };

/** Every compared run as one line across the params and metrics, each on its own vertical axis. */
function ParallelCoordinates(props: { runs: Run[]; axes: PlotAxis[]; nameOf(runId: string): string }) {
  const theme = useTheme();
  const { axes, runs } = props;
  const width = PAD.side * 2 + AXIS_GAP * Math.max(axes.length - 1, 1);
  const height = PLOT_HEIGHT + PAD.top + PAD.bottom;
  const xOf = (i: number): number => PAD.side + i * AXIS_GAP;
  const yOf = (axis: PlotAxis, v: number): number => PAD.top + (1 - position(axis, v)) * PLOT_HEIGHT;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <svg width={width} height={height} role="img" aria-label="parallel coordinates of the compared runs" data-testid="parallel-coordinates">
        {axes.map((axis, i) => (
          <g key={axis.id} data-testid="pc-axis" data-axis={axis.id}>
            <line x1={xOf(i)} x2={xOf(i)} y1={PAD.top} y2={PAD.top + PLOT_HEIGHT} stroke={theme.palette.text.secondary} />
            <text x={xOf(i)} y={14} textAnchor="middle" fontSize={12} fill={theme.palette.text.primary}>{axis.label.length > 20 ? `${axis.label.slice(0, 19)}…` : axis.label}</text>
            <text x={xOf(i) + 4} y={PAD.top - 4} fontSize={11} fill={theme.palette.text.secondary}>{axisText(axis, axis.max)}</text>
            <text x={xOf(i) + 4} y={PAD.top + PLOT_HEIGHT + 14} fontSize={11} fill={theme.palette.text.secondary}>{axisText(axis, axis.min)}</text>
          </g>
        ))}
        {runs.map((run, r) => {
          const points = axes.flatMap((axis, i) => (axis.values[r] === null ? [] : [`${xOf(i)},${yOf(axis, axis.values[r]!)}`]));
          return (
            <polyline key={run.info.runId} points={points.join(' ')} fill="none" stroke={colorFor(r)} strokeWidth={2} data-testid="pc-line" data-run-name={run.info.runName}>
              <title>{props.nameOf(run.info.runId)}</title>
            </polyline>
          );
        })}
      </svg>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', px: 1 }}>
        {runs.map((run, r) => (
          <Typography key={run.info.runId} variant="caption" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
            <Box component="span" sx={{ width: 12, height: 3, bgcolor: colorFor(r), display: 'inline-block' }} />
            {props.nameOf(run.info.runId)}
          </Typography>
        ))}
      </Stack>
    </Box>
  );
}

/** Any two params or metrics of the compared runs against each other, one point per run. */
function RunsScatter(props: { runs: Run[]; axes: PlotAxis[]; nameOf(runId: string): string }) {
  const { axes, runs } = props;
  const [xId, setXId] = useState(axes[0]?.id ?? '');
  const [yId, setYId] = useState(axes[1]?.id ?? axes[0]?.id ?? '');
  const x = axes.find((a) => a.id === xId) ?? axes[0];
  const y = axes.find((a) => a.id === yId) ?? axes[1] ?? axes[0];
  if (!x || !y) return null;
  const points = runs.flatMap((run, r) =>
    x.values[r] === null || y.values[r] === null ? [] : [{ x: x.values[r]!, y: y.values[r]!, name: props.nameOf(run.info.runId), index: r }],
  );
  const picker = (label: string, value: string, set: (id: string) => void, testId: string) => (
    <TextField select size="small" label={label} value={value} onChange={(e) => set(e.target.value)} sx={{ minWidth: 200 }} slotProps={{ htmlInput: { 'data-testid': testId } }}>
      {axes.map((a) => (
        <MenuItem key={a.id} value={a.id}>{a.label}</MenuItem>
      ))}
    </TextField>
  );
  return (
    <Box data-testid="runs-scatter" data-points={points.length} data-x={x.id} data-y={y.id}>
      <Stack direction="row" spacing={2} sx={{ mb: 1 }}>
        {picker('x', x.id, setXId, 'scatter-x')}
        {picker('y', y.id, setYId, 'scatter-y')}
      </Stack>
      <ResponsiveContainer width="100%" height={280}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" name={x.label} domain={['auto', 'auto']} tickFormatter={(v: number) => axisText(x, v)} allowDecimals={!x.categories} />
          <YAxis type="number" dataKey="y" name={y.label} domain={['auto', 'auto']} tickFormatter={(v: number) => axisText(y, v)} allowDecimals={!y.categories} width={80} />
          <Tooltip
            formatter={(v, name) => [name === x.label ? axisText(x, Number(v)) : axisText(y, Number(v)), name]}
            labelFormatter={() => ''}
          />
          {points.map((p) => (
            <Scatter key={p.index} name={p.name} data={[p]} fill={colorFor(p.index)} isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </Box>
  );
}

/** The compared runs across their params and metrics: parallel coordinates, and a scatter of any two. */
export function RunsPlots(props: { runs: Run[]; rows: DiffRow[]; nameOf(runId: string): string }) {
  const axes = useMemo(() => plotAxes(props.rows), [props.rows]);
  if (props.runs.length === 0 || axes.length === 0) return null;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(460px, 1fr))', gap: 2 }}>
      <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
        <Typography variant="subtitle2" component="h3">Parallel coordinates</Typography>
        <ParallelCoordinates runs={props.runs} axes={axes} nameOf={props.nameOf} />
      </Box>
      <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
        <Typography variant="subtitle2" component="h3">Scatter</Typography>
        <RunsScatter runs={props.runs} axes={axes} nameOf={props.nameOf} />
      </Box>
    </Box>
  );
}
