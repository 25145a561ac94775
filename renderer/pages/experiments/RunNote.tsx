import { useState } from 'react';
import { Box, Button, Stack, TextField } from '@mui/material';
import Markdown from 'react-markdown';

/**
 * The run's note (MLflow's mlflow.note.content tag), shown as Markdown and edited in place.
 * Markdown only: raw HTML in a note is dropped, never rendered, so a note cannot run
 * script or load anything. Give it `key={note}` so a saved note resets it.
 */
export function RunNote(props: { note: string; onSave(note: string): Promise<void> }) {
  const [text, setText] = useState(props.note);
  const [editing, setEditing] = useState(props.note === '');
  const [saving, setSaving] = useState(false);
  if (!editing) {
    return (
      <Stack spacing={1} sx={{ maxWidth: 720, alignItems: 'flex-start' }}>
        <Box data-testid="run-note-rendered" sx={{ '& p': { my: 0.5 }, '& pre': { overflow: 'auto' }, overflowWrap: 'anywhere', width: '100%' }}>
          <Markdown skipHtml>{props.note}</Markdown>
        </Box>
        <Button size="small" onClick={() => setEditing(true)} data-testid="edit-note">Edit note</Button>
      </Stack>
    );
  }
  return (
    <Stack spacing={1} sx={{ maxWidth: 720 }}>
      <TextField
        multiline
        minRows={3}
        label="Note (Markdown)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'run-note', maxLength: 5000 } }}
      />
      <Stack direction="row" spacing={1}>
        <Button
          variant="outlined"
          disabled={saving || text === props.note}
          onClick={() => {
            setSaving(true);
            void props.onSave(text).finally(() => setSaving(false));
          }}
          data-testid="save-note"
        >
          Save note
        </Button>
        {props.note !== '' && <Button onClick={() => (setText(props.note), setEditing(false))}>Cancel</Button>}
      </Stack>
    </Stack>
  );
}
