import { Chip, Stack, Typography } from '@mui/material';
import { formatNumber } from '../experiments/chart-data';
import type { OodFlag } from './types';

const DRIVERS_SHOWN = 3;

/** Out-of-distribution flags: the message, and the features that drive each with their z-scores. */
export function FlagList(props: { flags: OodFlag[]; withMessage?: boolean }) {
  if (props.flags.length === 0) return <Typography variant="body2">none</Typography>;
  return (
    <Stack spacing={0.5}>
      {props.flags.map((flag, i) => (
        <Stack key={i} spacing={0.25} data-testid="ood-flag">
          <Chip size="small" color="warning" label="out of distribution" sx={{ alignSelf: 'flex-start' }} />
          {props.withMessage && <Typography variant="body2">{flag.message}</Typography>}
          <Typography variant="body2" color="text.secondary">
            Driven by{' '}
            {flag.features
              .slice(0, DRIVERS_SHOWN)
              .map((f) => `${f.name} (z ${formatNumber(f.z)})`)
              .join(', ')}
            {flag.features.length > DRIVERS_SHOWN ? ` and ${flag.features.length - DRIVERS_SHOWN} more` : ''}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}
