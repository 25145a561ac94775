import { useState } from 'react';
import { Box, FormControlLabel, Switch, Typography } from '@mui/material';
import { Bar, CartesianGrid, ComposedChart, ReferenceArea, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../experiments/chart-data';
import { outsideRange, profilePoints, type ProfilePoint } from './prediction-view';
import type { ProfileRow } from './types';

/** Features shown at first: the furthest from the training mean. */
const FURTHEST = 30;

/** The tooltip in the units a researcher knows: the raw value beside the training statistics. */
function PointTooltip(props: { active?: boolean; payload?: ReadonlyArray<{ payload?: ProfilePoint }> }) {
  const point = props.payload?.[0]?.payload;
  if (!props.active || !point) return null;
  const r = point.raw;
  return (
    <Box sx={{ bgcolor: 'background.paper', border: 1, borderColor: 'divider', p: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {r.feature}
      </Typography>
      <Typography variant="body2">
        value {formatNumber(r.value)} · training mean {formatNumber(r.mean)} ± {formatNumber(r.std)} · 5–95% {formatNumber(r.q05)} to {formatNumber(r.q95)}
      </Typography>
      {outsideRange(r) && (
        <Typography variant="body2" color="warning.main">
          outside the training 5th–95th percentiles
        </Typography>
      )}
    </Box>
  );
}

/**
 * A recording's features against the training distribution. Each feature is drawn in
 * training standard deviations, so band powers of any scale share one axis: the shaded
 * band is mean ± 1 std, the bar the 5th–95th percentiles, the dot the recording.
 */
export function ProfileChart(props: { profile: ProfileRow[] }) {
  const [all, setAll] = useState(false);
  const points = profilePoints(props.profile, all ? 0 : FURTHEST).map((p) => ({ ...p, z: Number.isFinite(p.z) ? p.z : null }));
  if (props.profile.length === 0) return <Typography color="text.secondary">No feature profile was kept for this recording.</Typography>;
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="body2" color="text.secondary">
          {all || props.profile.length <= FURTHEST ? `All ${props.profile.length} features` : `The ${FURTHEST} features furthest from the training mean`}, in training standard deviations (shaded: mean ± 1 std; bar: 5th–95th percentile; dot: this
          recording).
        </Typography>
        {props.profile.length > FURTHEST && <FormControlLabel control={<Switch checked={all} onChange={(e) => setAll(e.target.checked)} />} label="All features" />}
      </Box>
      <Box role="img" aria-label="Band-power profile against the training distribution" data-testid="profile-chart" sx={{ height: 380 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ left: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="feature" angle={-60} textAnchor="end" interval={0} height={110} tick={{ fontSize: 10 }} />
            <YAxis label={{ value: 'z (training std)', angle: -90, position: 'insideLeft' }} />
            <ReferenceArea y1={-1} y2={1} fill="#1976d2" fillOpacity={0.12} />
            <Bar dataKey="range" fill="#90a4ae" fillOpacity={0.6} barSize={6} isAnimationActive={false} />
            <Scatter dataKey="z" fill="#d32f2f" isAnimationActive={false} />
            <Tooltip content={<PointTooltip />} />
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
}
