import { useState } from 'react';
import { TextField } from '@mui/material';

const EXAMPLE = "metrics.accuracy > 0.8 AND params.model = 'eegnet'";

/** MLflow's filter grammar; applied on Enter, with the server's error (and its position) below. Keyed by the applied filter. */
export function RunFilterBox(props: { filter: string; error: string | null; onApply(filter: string): void }) {
  const [text, setText] = useState(props.filter);
  return (
    <TextField
      size="small"
      fullWidth
      label="Filter runs"
      placeholder={EXAMPLE}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') props.onApply(text);
      }}
      onBlur={() => {
        if (text !== props.filter) props.onApply(text);
      }}
      error={props.error !== null}
      helperText={props.error ?? 'MLflow search syntax: metrics., params., tags., attributes.; = != < > LIKE ILIKE IN; AND. Press Enter.'}
      slotProps={{ htmlInput: { 'data-testid': 'run-filter', spellCheck: false, style: { fontFamily: 'monospace' } } }}
    />
  );
}
