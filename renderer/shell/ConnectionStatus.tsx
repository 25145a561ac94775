import { Chip, Tooltip } from '@mui/material';
import CircleIcon from '@mui/icons-material/Circle';
import { useConnection } from '../store/connection';

const LOOK = {
  connected: { color: 'success', label: 'Connected' },
  connecting: { color: 'warning', label: 'Connecting…' },
  disconnected: { color: 'error', label: 'Disconnected' },
} as const;

export function ConnectionStatus() {
  const { state, version, lastError } = useConnection();
  const look = LOOK[state];
  const detail = state === 'connected' ? `NeuroOps ${version ?? ''} is answering` : (lastError ?? 'Waiting for the NeuroOps core');
  return (
    <Tooltip title={detail}>
      <Chip
        data-testid="connection-status"
        data-state={state}
        icon={<CircleIcon fontSize="small" />}
        color={look.color}
        label={look.label}
        size="small"
        variant="outlined"
        sx={{ bgcolor: 'background.paper' }}
      />
    </Tooltip>
  );
}
