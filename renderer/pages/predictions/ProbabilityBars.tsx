import { Box, LinearProgress, Typography } from '@mui/material';
import { formatPercent } from '../models/format';
import { probabilityBars } from './prediction-view';

/** Class probabilities as bars, the most likely first, each with its number for readers who cannot see the bar. */
export function ProbabilityBars(props: { probabilities: Record<string, number> | null }) {
  const bars = probabilityBars(props.probabilities);
  if (bars.length === 0) return <>—</>;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'auto 96px auto', columnGap: 1, alignItems: 'center', minWidth: 220 }}>
      {bars.map(({ label, p }) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography variant="body2">{label}</Typography>
          <LinearProgress variant="determinate" value={100 * p} aria-label={`probability of ${label}`} />
          <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatPercent(p)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
