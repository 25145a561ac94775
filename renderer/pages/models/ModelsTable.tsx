import { Chip, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatMetric, keyMetrics } from './format';
import type { ModelSummary } from './models-store';
import { SyncStatusChip } from '../../shell/SyncStatusChip';

/** Every registered model with its production version and that version's key metrics. */
export function ModelsTable(props: { models: ModelSummary[]; onOpen(name: string): void }) {
  if (props.models.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="no-models">
        No registered models yet. Register one from a training run (or with an MLflow client), or import a bundle.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="registered models">
      <TableHead>
        <TableRow>
          <TableCell>Model</TableCell>
          <TableCell>Production</TableCell>
          <TableCell>Key metrics (production)</TableCell>
          <TableCell align="right">Versions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.models.map((m) => (
          <TableRow key={m.name} hover data-testid={`model-row-${m.name}`}>
            <TableCell>
              <Link component="button" onClick={() => props.onOpen(m.name)} underline="hover">
                {m.name}
              </Link>{' '}
              <SyncStatusChip model={m.name} />
              {m.description && (
                <Typography variant="body2" color="text.secondary">
                  {m.description}
                </Typography>
              )}
            </TableCell>
            <TableCell>{m.production ? <Chip size="small" color="success" label={`v${m.production.version}`} /> : '—'}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              {keyMetrics(m.production?.metrics ?? null, m.gate?.metric)
                .map(([k, v]) => `${k} ${formatMetric(v)}`)
                .join(' · ') || '—'}
            </TableCell>
            <TableCell align="right">{m.versionCount}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
