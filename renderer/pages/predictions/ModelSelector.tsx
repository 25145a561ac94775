import { Alert, Link, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { formatMetric, keyMetrics } from '../models/format';
import { choiceKey } from './prediction-view';
import type { ModelChoice } from './types';

const describe = (m: ModelChoice): string => `${m.name} v${m.version}${m.isProduction ? ' (production)' : m.aliases.length > 0 ? ` @${m.aliases.join(' @')}` : ''}`;

/** No model can run yet: what to do about it, on this page's terms. */
function NoModel(props: { anyVersion: boolean }) {
  return (
    <Alert severity="warning" data-testid="no-production-model">
      {props.anyVersion ? 'No model is in production yet. ' : 'No model has been trained or registered yet. '}
      {props.anyVersion ? 'Choose a version below, or promote one on the ' : 'Train one on the '}
      <Link href="#/models">Models page</Link>
      {props.anyVersion ? ' (Promote).' : ' ("Train a model"), or with "neuroops train --dataset DIR", then promote a version to production.'}
    </Alert>
  );
}

/** The model a prediction runs: production by default, any registered version with an ONNX model on request. */
export function ModelSelector(props: { models: ModelChoice[]; choice: string | null; loaded: boolean; error: string | null; onChoose(key: string): void }) {
  const { models, choice } = props;
  if (props.error) return <Alert severity="error">The models could not be listed: {props.error}</Alert>;
  if (!props.loaded) return <Typography color="text.secondary">Loading the models…</Typography>;
  const chosen = models.find((m) => choiceKey(m) === choice) ?? null;
  const hasProduction = models.some((m) => m.isProduction);
  return (
    <Stack spacing={1}>
      {!hasProduction && <NoModel anyVersion={models.length > 0} />}
      {models.length > 0 && (
        <TextField select label="Model" value={choice ?? ''} onChange={(e) => props.onChoose(e.target.value)} sx={{ minWidth: 320, maxWidth: 480 }} data-testid="model-select">
          {models.map((m) => (
            <MenuItem key={choiceKey(m)} value={choiceKey(m)}>
              {describe(m)}
            </MenuItem>
          ))}
        </TextField>
      )}
      {chosen && (
        <Typography variant="body2" data-testid="chosen-model" sx={{ fontFamily: 'monospace' }}>
          {chosen.name} version {chosen.version} · {chosen.stage}
          {keyMetrics(chosen.metrics)
            .map(([k, v]) => ` · ${k} ${formatMetric(v)}`)
            .join('')}
        </Typography>
      )}
    </Stack>
  );
}
