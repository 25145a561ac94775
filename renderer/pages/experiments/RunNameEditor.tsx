import { useState } from 'react';
import { Button, IconButton, Stack, TextField, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';

/** The run's name as a heading, renamed in place. */
export function RunNameEditor(props: { name: string; onRename(name: string): Promise<void> }) {
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null) {
    return (
      <Stack direction="row" sx={{ alignItems: 'center', flexGrow: 1 }}>
        <Typography variant="h6" component="h2" data-testid="run-name">{props.name}</Typography>
        <IconButton size="small" aria-label="rename run" onClick={() => setEditing(props.name)}>
          <EditIcon fontSize="small" />
        </IconButton>
      </Stack>
    );
  }
  const save = (): void => {
    const name = editing.trim();
    if (name === '' || name === props.name) setEditing(null);
    else void props.onRename(name).then(() => setEditing(null));
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexGrow: 1 }}>
      <TextField
        size="small"
        autoFocus
        value={editing}
        onChange={(e) => setEditing(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
          if (e.key === 'Escape') setEditing(null);
        }}
        slotProps={{ htmlInput: { 'aria-label': 'run name' } }}
      />
      <Button onClick={save}>Save</Button>
    </Stack>
  );
}
