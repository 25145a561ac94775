import { Box, Stack, Typography } from '@mui/material';
import { percent } from './format-power';
import { COLOUR_STOPS } from './topomap';

/** The head seen from above, nose up: outline, nose and ears, in the disc's units (radius 1). */
export function HeadOutline() {
  return (
    <g fill="none" stroke="currentColor" strokeWidth={0.02}>
      <circle cx={0} cy={0} r={1} />
      <path d="M -0.12 -0.99 L 0 -1.15 L 0.12 -0.99" />
      <path d="M -0.99 -0.15 Q -1.1 0 -0.99 0.15" />
      <path d="M 0.99 -0.15 Q 1.1 0 0.99 0.15" />
    </g>
  );
}

export function ColourBar(props: { min: number; max: number }) {
  return (
    <Stack spacing={0.5} sx={{ width: 220 }} data-testid="topomap-scale">
      <Box sx={{ height: 12, borderRadius: 0.5, background: `linear-gradient(to right, ${COLOUR_STOPS.join(', ')})` }} />
      <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
        <Typography variant="caption">{percent(props.min)}</Typography>
        <Typography variant="caption">relative power</Typography>
        <Typography variant="caption">{percent(props.max)}</Typography>
      </Stack>
    </Stack>
  );
}
