import { useState } from 'react';
import { Alert, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { api } from '../../api/client';
import type { RegisteredModel } from './models-store';

/** The model's promotion gate: which metric a candidate must not do worse on than production. */
export function GateEditor(props: { model: RegisteredModel; onChanged(): void }) {
  const [metric, setMetric] = useState(props.model.gate?.metric ?? '');
  const [direction, setDirection] = useState<'higher' | 'lower'>(props.model.gate?.direction ?? 'higher');
  const [error, setError] = useState<string | null>(null);
  const save = async (gate: { metric: string; direction: 'higher' | 'lower' } | null): Promise<void> => {
    setError(null);
    try {
      await api.registry.setGate({ name: props.model.name, gate });
      if (!gate) setMetric('');
      props.onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {props.model.gate
          ? `Promotions need ${props.model.gate.metric} not worse than production's (${props.model.gate.direction} is better), unless overridden with a reason.`
          : 'No gate: any finished version can be promoted with a reason.'}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField size="small" label="Metric" value={metric} onChange={(e) => setMetric(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'gate-metric' } }} />
        <TextField size="small" select label="Better is" value={direction} onChange={(e) => setDirection(e.target.value as 'higher' | 'lower')} sx={{ minWidth: 120 }}>
          <MenuItem value="higher">higher</MenuItem>
          <MenuItem value="lower">lower</MenuItem>
        </TextField>
        <Button variant="outlined" disabled={metric.trim() === ''} onClick={() => void save({ metric: metric.trim(), direction })} data-testid="gate-save">
          Set gate
        </Button>
        <Button disabled={!props.model.gate} onClick={() => void save(null)}>
          Remove
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
