import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { api } from '../../api/client';

/**
 * A rollback, like a promotion, says why: the reason is kept in the model's history. It is
 * sent with the production version shown here, so a rollback decided against a version
 * that someone has since replaced is refused rather than undoing their change.
 */
export function RollbackDialog(props: { name: string; production: number; onClose(rolledBackTo: number | null): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rollback = async (): Promise<void> => {
    setError(null);
    setBusy(true);
    try {
      const { version } = await api.registry.rollback({ name: props.name, reason: reason.trim(), expectedProduction: props.production });
      props.onClose(version.version);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => props.onClose(null)} aria-labelledby="rollback-title" fullWidth maxWidth="sm">
      <DialogTitle id="rollback-title">Roll {props.name} back from v{props.production}?</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 1 }}>
        <DialogContentText>The version that was in production before v{props.production} goes back into production.</DialogContentText>
        <TextField
          label="Why (kept in the history)"
          required
          autoFocus
          multiline
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'rollback-reason' } }}
        />
        {error && (
          <Alert severity="error" data-testid="rollback-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(null)}>Cancel</Button>
        <Button variant="contained" color="warning" disabled={busy || reason.trim() === ''} onClick={() => void rollback()} data-testid="confirm-rollback">
          Roll back
        </Button>
      </DialogActions>
    </Dialog>
  );
}
