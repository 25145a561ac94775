import { useEffect, useState } from 'react';
import { Alert, Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import type { Output } from '../../../main/contract';
import { api } from '../../api/client';

type Registered = Output<'registry.createVersion'>;

/**
 * Registers a folder of a run's artifacts (a model directory: model.onnx, neuroops.json…)
 * as a new version of a model, created if its name is new. The registry checks the folder;
 * its refusal is shown here, to fix and retry.
 */
export function RegisterModelDialog(props: { runId: string; folder: string; onClose(registered: Registered | null): void }) {
  const [names, setNames] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.registry.listModels({ maxResults: 1000 }).then((r) => setNames(r.models.map((m) => m.name)), () => setNames([]));
  }, []);
  const register = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      props.onClose(await api.registry.createVersion({ name: name.trim(), runId: props.runId, artifactPath: props.folder, description }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const exists = names.includes(name.trim());
  return (
    <Dialog open onClose={() => props.onClose(null)} fullWidth maxWidth="sm" aria-labelledby="register-model-title">
      <DialogTitle id="register-model-title">Register {props.folder} as a model</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Autocomplete
            freeSolo
            options={names}
            inputValue={name}
            onInputChange={(_, value) => setName(value)}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Model name"
                autoFocus
                helperText={name.trim() === '' ? 'A new name creates the model; an existing one gets a new version.' : exists ? `A new version of ${name.trim()}.` : `A new model, ${name.trim()}, with this as version 1.`}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'register-model-name' } }}
              />
            )}
          />
          <TextField label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} multiline minRows={2} />
          <Typography variant="body2" color="text.secondary">From run {props.runId}, folder {props.folder}.</Typography>
          {error && <Alert severity="error" data-testid="register-model-error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(null)}>Cancel</Button>
        <Button variant="contained" disabled={busy || name.trim() === ''} onClick={() => void register()} data-testid="register-model-submit">
          Register
        </Button>
      </DialogActions>
    </Dialog>
  );
}
