import { Chip } from '@mui/material';
import type { Run } from './types';

const COLORS = { RUNNING: 'info', SCHEDULED: 'default', FINISHED: 'success', FAILED: 'error', KILLED: 'warning' } as const;

export function RunStatusChip(props: { status: Run['info']['status'] }) {
  return <Chip size="small" variant="outlined" color={COLORS[props.status]} label={props.status.toLowerCase()} />;
}
