import { useMemo, useState } from 'react';
import { Box, MenuItem, TextField } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { colorFor } from '../../experiments/MetricChart';
import { bandProfile, seriesOf, type FeatureTableView } from './feature-table';
import { percent } from './format-power';
import type { Band } from './use-features-result';

const MEAN = '__mean__';

/** The relative band-power profile, per channel or averaged over channels, one line per group. */
export function BandPowerChart(props: { table: FeatureTableView; bands: Band[] }) {
  const { table } = props;
  const [channel, setChannel] = useState(MEAN);
  const data = useMemo(() => bandProfile(table, channel === MEAN ? null : channel), [table, channel]);
  const series = seriesOf(table);
  const edges = new Map(props.bands.map((b) => [b.name, `${b.lo}–${b.hi} Hz`]));
  return (
    <Box data-testid="band-power-chart" data-channel={channel === MEAN ? 'mean' : channel} data-series={series.map((s) => s.name).join(',')}>
      <TextField
        select
        size="small"
        label="Channel"
        value={channel}
        onChange={(e) => setChannel(e.target.value)}
        sx={{ minWidth: 220, mb: 1 }}
        slotProps={{ htmlInput: { 'data-testid': 'band-power-channel' } }}
      >
        <MenuItem value={MEAN}>Mean over {table.channels.length} channels</MenuItem>
        {table.channels.map((c) => (
          <MenuItem key={c} value={c}>
            {c}
          </MenuItem>
        ))}
      </TextField>
      <Box sx={{ height: 320 }} role="img" aria-label={`Relative band power by band, ${channel === MEAN ? 'mean over channels' : `channel ${channel}`}, for ${series.map((s) => s.name).join(' and ')}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="band" />
            <YAxis tickFormatter={percent} width={64} />
            <Tooltip formatter={(v) => percent(Number(v))} labelFormatter={(band) => `${String(band)}${edges.has(String(band)) ? ` (${edges.get(String(band))})` : ''}`} />
            {/* In the order of the groups, not alphabetical. */}
            <Legend itemSorter={null} />
            {series.map((s, i) => (
              <Line key={s.name} dataKey={s.name} name={`${s.name} (n=${s.count})`} stroke={colorFor(i)} strokeWidth={2} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
}
