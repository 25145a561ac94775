import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';

/** Confirms the import of a model bundle that was dropped or chosen, optionally under another name. */
export function BundleDialog(props: { path: string; name: string; onImport(name?: string): void; onClose(): void }) {
  const [modelName, setModelName] = useState('');
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="bundle-title" maxWidth="sm" fullWidth>
      <DialogTitle id="bundle-title">Import model bundle</DialogTitle>
      <DialogContent>
        <DialogContentText gutterBottom>
          {props.name} is checked whole (checksums, manifest, model) before anything is registered, and becomes a new version.
        </DialogContentText>
        <TextField
          label="Model name (empty: the name it was exported with)"
          value={modelName}
          onChange={(e) => setModelName(e.target.value)}
          fullWidth
          size="small"
          margin="dense"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => props.onImport(modelName.trim() || undefined)}>
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
