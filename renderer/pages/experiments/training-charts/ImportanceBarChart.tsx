import { Box } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ImportanceChart } from './types';

const TOP = 15;

/** The most important features as horizontal bars (with ± std over the repeats for permutation importance). */
export function ImportanceBarChart(props: { chart: ImportanceChart; label: string }) {
  const shown = props.chart.features.slice(0, TOP).map((f) => ({ name: f.name, importance: f.importance, std: f.std ?? 0 }));
  // Room for the longest name shown (about 7 px a character at 12 px), within limits.
  const nameWidth = Math.min(220, Math.max(40, 7 * Math.max(0, ...shown.map((f) => f.name.length)) + 12));
  return (
    <Box role="img" aria-label={props.label} sx={{ height: 40 + 22 * shown.length, maxWidth: 640 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={shown} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" />
          <YAxis type="category" dataKey="name" width={nameWidth} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => Number(v).toFixed(4)} />
          <Bar dataKey="importance" fill="#1976d2" isAnimationActive={false}>
            {props.chart.kind === 'permutation_importance' && <ErrorBar dataKey="std" direction="x" stroke="#424242" />}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
