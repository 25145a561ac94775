import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { api } from '../../api/client';

/**
 * Deletes a model and its versions once its name is typed back, so a slip of the mouse
 * cannot do it. The reason goes into the audit trail, which outlives the model.
 */
export function DeleteModelDialog(props: { name: string; versionCount: number; onClose(deleted: boolean): void }) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const remove = async (): Promise<void> => {
    setError(null);
    try {
      await api.registry.deleteModel({ name: props.name, reason: reason.trim() || undefined });
      props.onClose(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const versions = `${props.versionCount} version${props.versionCount === 1 ? '' : 's'}`;
  return (
    <Dialog open onClose={() => props.onClose(false)} aria-labelledby="delete-model-title">
      <DialogTitle id="delete-model-title">Delete {props.name}?</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 1 }}>
        <DialogContentText>
          Its {versions} go for good. Its history stays in the audit trail on the Models page, with this deletion recorded.
        </DialogContentText>
        <TextField
          label="Why (kept in the audit trail)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'delete-reason' } }}
        />
        <TextField
          label={`Type ${props.name} to confirm`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'delete-confirm-name' } }}
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button variant="contained" color="error" disabled={typed !== props.name} onClick={() => void remove()} data-testid="confirm-delete-model">
          Delete model
        </Button>
      </DialogActions>
    </Dialog>
  );
}
