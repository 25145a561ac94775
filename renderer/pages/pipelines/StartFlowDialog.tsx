import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { FlowInfo } from '../../../main/contract/executor';
import { api } from '../../api/client';

const paramsText = (flow: FlowInfo | undefined): string => JSON.stringify(flow?.defaultParams ?? {}, null, 2);

/** Picks a flow and its params (JSON, prefilled with the defaults) and starts it. */
export function StartFlowDialog(props: { open: boolean; flows: FlowInfo[]; onClose(): void; onStarted(flowRunId: string): void }) {
  const [flowName, setFlowName] = useState(props.flows.find((f) => f.name === 'example_pipeline')?.name ?? props.flows[0]?.name ?? '');
  const flow = props.flows.find((f) => f.name === flowName);
  const [text, setText] = useState(() => paramsText(flow));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (name: string): void => {
    setFlowName(name);
    setText(paramsText(props.flows.find((f) => f.name === name)));
    setError(null);
  };

  const start = async (): Promise<void> => {
    let params: unknown;
    try {
      params = JSON.parse(text || '{}');
    } catch (e) {
      setError(`The params are not valid JSON: ${(e as Error).message}`);
      return;
    }
    setBusy(true);
    try {
      const run = await api.executor.startFlowRun({ flowName, params });
      props.onStarted(run.flowRunId);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="start-flow-title">
      <DialogTitle id="start-flow-title">Run a flow</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField select label="Flow" value={flowName} onChange={(e) => choose(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'flow-select' } }}>
            {props.flows.map((f) => (
              <MenuItem key={f.name} value={f.name}>
                {f.name} (v{f.version})
              </MenuItem>
            ))}
          </TextField>
          {flow && <Typography variant="body2" color="text.secondary">{flow.description}</Typography>}
          <TextField
            label="Params (JSON)"
            multiline
            minRows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'flow-params', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
          />
          {error && <Alert severity="error" data-testid="start-flow-error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        <Button variant="contained" onClick={() => void start()} disabled={busy || !flowName} data-testid="start-flow-submit">
          Start
        </Button>
      </DialogActions>
    </Dialog>
  );
}
