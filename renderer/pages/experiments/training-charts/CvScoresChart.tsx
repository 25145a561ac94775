import { Box } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../../models/format';

/** The CV scores of a trained model as a bar per fold. */
export function CvScoresChart(props: { scores: number[] }) {
  const data = props.scores.map((score, i) => ({ fold: `fold ${i + 1}`, accuracy: score }));
  return (
    <Box aria-label="CV scores chart" role="img" sx={{ height: 200, maxWidth: 640 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="fold" />
          <YAxis domain={[0, 1]} />
          <Tooltip formatter={(v) => formatPercent(Number(v))} />
          <Bar dataKey="accuracy" fill="#1976d2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
