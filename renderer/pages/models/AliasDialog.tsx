import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { api } from '../../api/client';

/** Points an alias (MLflow's rules: letters, digits, _ and -) at a version; the core explains a refused name. */
export function AliasDialog(props: { name: string; version: number; onClose(done: boolean): void }) {
  const [alias, setAlias] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (): Promise<void> => {
    setError(null);
    try {
      await api.registry.setAlias({ name: props.name, alias: alias.trim(), version: props.version });
      props.onClose(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog open onClose={() => props.onClose(false)} aria-labelledby="alias-title">
      <DialogTitle id="alias-title">
        Alias for {props.name} v{props.version}
      </DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 1 }}>
        <TextField
          autoFocus
          label="Alias"
          helperText='e.g. "champion"; moving an alias takes it from the version that had it. "production" moves only by promotion.'
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'alias-name' } }}
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button variant="contained" disabled={alias.trim() === '' || alias.trim() === 'production'} onClick={() => void save()} data-testid="alias-save">
          Set alias
        </Button>
      </DialogActions>
    </Dialog>
  );
}
