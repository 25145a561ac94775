import { Box } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RocChart } from './types';

const COLOURS = ['#1976d2', '#d32f2f', '#388e3c', '#f57c00', '#7b1fa2', '#0097a7', '#5d4037', '#c2185b'];

/** One ROC curve per positive class (one for two classes), with its AUC in the legend, against the chance diagonal. */
export function RocCurveChart(props: { chart: RocChart }) {
  const curves = props.chart.curves.map((c) => ({ name: `${c.positive} (AUC ${c.auc.toFixed(3)})`, points: c.fpr.map((fpr, i) => ({ fpr, tpr: c.tpr[i]! })) }));
  return (
    <Box role="img" aria-label="ROC curve chart" data-testid="roc-chart" sx={{ height: 300, maxWidth: 520 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="fpr" domain={[0, 1]} label={{ value: 'false positive rate', position: 'insideBottom', offset: -8 }} />
          <YAxis type="number" domain={[0, 1]} label={{ value: 'true positive rate', angle: -90, position: 'insideLeft' }} />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="#9e9e9e" strokeDasharray="4 4" />
          <Tooltip formatter={(v) => Number(v).toFixed(3)} labelFormatter={(v) => `FPR ${Number(v).toFixed(3)}`} />
          <Legend verticalAlign="top" />
          {curves.map((c, i) => (
            <Line key={c.name} data={c.points} dataKey="tpr" name={c.name} type="linear" stroke={COLOURS[i % COLOURS.length]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
