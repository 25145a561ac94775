import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { Output } from '../../../main/contract';
import { api } from '../../api/client';
import { formatMetric } from './format';

type Preview = Output<'registry.previewPromotion'>;

function MetricsSideBySide(props: { preview: Preview }) {
  const { candidate, production, gate } = props.preview;
  const keys = [...new Set([...Object.keys(candidate.metrics ?? {}), ...Object.keys(production?.metrics ?? {})])].sort();
  if (keys.length === 0) return <Typography color="text.secondary">Neither version has metrics to compare.</Typography>;
  return (
    <Table size="small" aria-label="metrics comparison">
      <TableHead>
        <TableRow>
          <TableCell>Metric</TableCell>
          <TableCell align="right">Candidate v{candidate.version}</TableCell>
          <TableCell align="right">{production ? `Production v${production.version}` : 'Production (none)'}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map((key) => (
          <TableRow key={key} selected={gate?.metric === key} data-testid={`compare-${key}`}>
            <TableCell>
              {key}
              {gate?.metric === key ? ` (gate: ${gate.direction} is better)` : ''}
            </TableCell>
            <TableCell align="right">{formatMetric(candidate.metrics?.[key])}</TableCell>
            <TableCell align="right">{formatMetric(production?.metrics?.[key])}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Promotion as a deliberate act: the candidate's metrics beside production's, the gate's
 * verdict, a reason (kept in the history), and an explicit confirmation. The promotion is
 * sent with the production version shown here, so if someone else promoted meanwhile it is
 * refused instead of replacing a version this comparison never showed.
 */
export function PromoteDialog(props: { name: string; version: number; onClose(done: boolean): void }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.registry.previewPromotion({ name: props.name, version: props.version }).then(setPreview, (e: Error) => setError(e.message));
  }, [props.name, props.version]);

  const gateFails = preview?.gate && !preview.gate.passed;
  const ready = preview && !preview.blocker && reason.trim() !== '' && confirmed && (!gateFails || override.trim() !== '');

  const promote = async (): Promise<void> => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      await api.registry.promote({
        name: props.name,
        version: props.version,
        reason: reason.trim(),
        expectedProduction: preview.production?.version ?? null,
        gateOverrideReason: gateFails ? override.trim() : undefined,
      });
      props.onClose(true);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => props.onClose(false)} maxWidth="sm" fullWidth aria-labelledby="promote-title">
      <DialogTitle id="promote-title">
        Promote {props.name} v{props.version} to production
      </DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {!preview && !error && <Typography>Comparing with production…</Typography>}
        {preview && <MetricsSideBySide preview={preview} />}
        {preview?.blocker && <Alert severity="error">{preview.blocker}</Alert>}
        {preview?.gate?.passed && <Alert severity="success">The gate passes: {preview.gate.metric} is not worse than production's.</Alert>}
        {gateFails && (
          <Alert severity="warning" data-testid="gate-warning">
            The gate fails: {preview!.gate!.metric} is {formatMetric(preview!.gate!.candidate)} against production's {formatMetric(preview!.gate!.production)} ({preview!.gate!.direction} is better). Promote only with a reason to override it.
          </Alert>
        )}
        <TextField
          label="Reason"
          helperText="Why this version goes to production. It is kept in the model's history."
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          multiline
          minRows={2}
          required
          slotProps={{ htmlInput: { 'data-testid': 'promote-reason' } }}
        />
        {gateFails && <TextField label="Reason to override the gate" value={override} onChange={(e) => setOverride(e.target.value)} required />}
        <FormControlLabel
          control={<Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} slotProps={{ input: { 'aria-label': 'confirm promotion' } }} />}
          label={preview?.production ? `Archive production v${preview.production.version} and put v${props.version} in its place` : `Put v${props.version} in production`}
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button variant="contained" color="warning" disabled={!ready || busy} onClick={() => void promote()} data-testid="confirm-promote">
          Promote
        </Button>
      </DialogActions>
    </Dialog>
  );
}
