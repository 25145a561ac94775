import { useState } from 'react';
import { Button, Stack, TextField } from '@mui/material';

/** The run's note (MLflow's mlflow.note.content tag), edited in place. Give it `key={note}` so a saved note resets it. */
export function RunNote(props: { note: string; onSave(note: string): Promise<void> }) {
  const [text, setText] = useState(props.note);
  const [saving, setSaving] = useState(false);
  return (
    <Stack spacing={1} sx={{ maxWidth: 720 }}>
      <TextField multiline minRows={3} label="Note" value={text} onChange={(e) => setText(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'run-note', maxLength: 5000 } }} />
      <Button
        variant="outlined"
        disabled={saving || text === props.note}
        onClick={() => {
          setSaving(true);
          void props.onSave(text).finally(() => setSaving(false));
        }}
        sx={{ alignSelf: 'flex-start' }}
        data-testid="save-note"
      >
        Save note
      </Button>
    </Stack>
  );
}
