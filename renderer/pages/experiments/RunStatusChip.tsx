import { Chip } from '@mui/material';
import type { Run } from './types';

const COLORS = { RUNNING: 'info', SCHEDULED: 'default', FINISHED: 'success', FAILED: 'error', KILLED: 'warning' } as const;

/**
 * A run's status in the words the Pipelines page uses: MLflow's KILLED is what a cancelled
 * flow's tracked run records, so it reads "cancelled" here, with MLflow's word in the tooltip.
 */
export const STATUS_WORDS: Record<Run['info']['status'], string> = {
  RUNNING: 'running',
  SCHEDULED: 'scheduled',
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'cancelled',
};

export function RunStatusChip(props: { status: Run['info']['status'] }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      color={COLORS[props.status]}
      label={STATUS_WORDS[props.status]}
      title={`MLflow status ${props.status}`}
      data-status={props.status}
    />
  );
}
