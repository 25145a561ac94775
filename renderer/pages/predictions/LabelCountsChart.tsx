import { Box, Typography, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LabelSeries } from './prediction-view';

/** Distinct in both themes and for the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

/** Recordings predicted per day, stacked by label. */
export function LabelCountsChart(props: { series: LabelSeries }) {
  const { labels, rows } = props.series;
  const { palette } = useTheme();
  // Text in the theme's colours: recharts would write each label in its bar colour, too faint to read on either theme.
  const text = { color: palette.text.primary };
  if (rows.length === 0) return <Typography color="text.secondary">No labelled prediction in this range yet.</Typography>;
  return (
    <Box role="img" aria-label="Predicted labels per day" data-testid="label-counts-chart" sx={{ height: 240 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip contentStyle={{ backgroundColor: palette.background.paper }} itemStyle={text} labelStyle={text} />
          <Legend formatter={(value: string) => <span style={text}>{value}</span>} />
          {labels.map((label, i) => (
            <Bar key={label} dataKey={label} stackId="labels" fill={COLOURS[i % COLOURS.length]} maxBarSize={48} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
