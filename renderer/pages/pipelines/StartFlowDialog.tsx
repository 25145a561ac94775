import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { FlowInfo, StageInfo } from '../../../main/contract/executor';
import { api } from '../../api/client';
import { ParamsForm } from './ParamsForm';
import { defaultsOf, fieldsOf, type JsonSchema } from './schema-form';

type Values = Record<string, unknown>;

/** A flow's starting params: its defaults; a stage pick starts on the catalogue's first stage of its kind. */
function initialValues(flow: FlowInfo | undefined, stages: StageInfo[]): Values {
  if (!flow) return {};
  const schema = flow.paramsSchema as JsonSchema;
  const values: Values = { ...defaultsOf(schema), ...((flow.defaultParams as Values | null) ?? {}) };
  for (const field of fieldsOf(schema)) {
    if (field.kind !== 'stage' || values[field.key] !== undefined) continue;
    const stage = stages.find((s) => s.kind === field.key);
    if (stage) values[field.key] = { fn: stage.name, args: { ...defaultsOf(stage.argsSchema as JsonSchema), ...((stage.defaultArgs as Values | null) ?? {}) } };
  }
  return values;
}

/**
 * Picks a flow and its params and starts it. The params are a form built from the flow's
 * schema (ml_pipeline's stages picked from the catalogue, each with its own args); the JSON
 * box stays as the advanced way, and the two show the same params.
 */
export function StartFlowDialog(props: { open: boolean; flows: FlowInfo[]; onClose(): void; onStarted(flowRunId: string): void }) {
  const [flowName, setFlowName] = useState(props.flows.find((f) => f.name === 'example_pipeline')?.name ?? props.flows[0]?.name ?? '');
  const flow = props.flows.find((f) => f.name === flowName);
  const [stages, setStages] = useState<StageInfo[]>([]);
  const [values, setValues] = useState<Values>(() => initialValues(flow, []));
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [text, setText] = useState('');
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.executor.listStages({}).then(
      (list) => {
        if (!live) return;
        setStages(list);
        setValues((v) => ({ ...initialValues(props.flows.find((f) => f.name === flowName), list), ...v }));
        setFormKey((k) => k + 1);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
    // The catalogue is read once per opening; later flow changes use it as loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = (name: string): void => {
    setFlowName(name);
    const next = initialValues(props.flows.find((f) => f.name === name), stages);
    setValues(next);
    setText(JSON.stringify(next, null, 2));
    setFormKey((k) => k + 1);
    setError(null);
  };
  const switchTo = (next: 'form' | 'json'): void => {
    setError(null);
    if (next === 'json') setText(JSON.stringify(values, null, 2));
    else {
      try {
        setValues(text.trim() ? (JSON.parse(text) as Values) : {});
        setFormKey((k) => k + 1);
      } catch (e) {
        setError(`The params are not valid JSON: ${(e as Error).message}`);
        return;
      }
    }
    setMode(next);
  };

  const start = async (): Promise<void> => {
    let params: unknown = values;
    if (mode === 'json') {
      try {
        params = JSON.parse(text || '{}');
      } catch (e) {
        setError(`The params are not valid JSON: ${(e as Error).message}`);
        return;
      }
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
          <ToggleButtonGroup size="small" exclusive value={mode} onChange={(_, v: 'form' | 'json' | null) => v && switchTo(v)} aria-label="params editor">
            <ToggleButton value="form" data-testid="params-form-mode">Form</ToggleButton>
            <ToggleButton value="json" data-testid="params-json-mode">JSON (advanced)</ToggleButton>
          </ToggleButtonGroup>
          {mode === 'form' && flow && (
            <ParamsForm key={`${flowName}:${formKey}`} schema={flow.paramsSchema as JsonSchema} values={values} stages={stages} onChange={setValues} />
          )}
          {mode === 'json' && (
            <TextField
              label="Params (JSON)"
              multiline
              minRows={6}
              value={text}
              onChange={(e) => setText(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'flow-params', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
            />
          )}
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
