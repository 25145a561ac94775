import { Chip } from '@mui/material';
import type { RunStateName } from '../../../main/contract/executor';

type ChipColor = 'default' | 'primary' | 'secondary' | 'success' | 'error' | 'warning' | 'info';

export const STATE_COLORS: Record<RunStateName, ChipColor> = {
  Scheduled: 'default',
  Pending: 'default',
  Running: 'info',
  Retrying: 'warning',
  Completed: 'success',
  Failed: 'error',
  TimedOut: 'error',
  Cancelling: 'warning',
  Cancelled: 'default',
  Crashed: 'error',
};

export function StateChip(props: { state: RunStateName; testId?: string }) {
  return (
    <Chip
      size="small"
      label={props.state}
      color={STATE_COLORS[props.state]}
      variant={props.state === 'Cancelled' ? 'outlined' : 'filled'}
      data-testid={props.testId}
      data-state={props.state}
    />
  );
}
