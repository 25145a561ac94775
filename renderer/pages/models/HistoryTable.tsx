import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatMetric, formatTime } from './format';
import type { AuditEntry, Transition } from './models-store';

const v = (version: number | null): string => (version === null ? 'none' : `v${version}`);

function Move(props: { t: Transition }) {
  const { t } = props;
  if (t.kind === 'stage') return <>{`${v(t.toVersion)}: ${t.fromStage} → ${t.toStage}`}</>;
  // A gate change moves nothing: show what was in production when the rule changed.
  if (t.kind === 'gate') return <>{`production ${v(t.toVersion)}`}</>;
  return <>{`${v(t.fromVersion)} → ${v(t.toVersion)}`}</>;
}

function MetricsAtTheTime(props: { t: Transition }) {
  const { from, to } = props.t.metrics;
  const keys = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])].sort().slice(0, 4);
  if (keys.length === 0) return <>—</>;
  return (
    <span style={{ fontFamily: 'monospace', fontSize: '0.85em' }}>
      {keys.map((k) => `${k} ${formatMetric(from?.[k])} → ${formatMetric(to?.[k])}`).join(' · ')}
    </span>
  );
}

const KIND_COLOR = { rollback: 'warning', promote: 'success', delete: 'error', gate: 'info' } as const;

function ModelName(props: { t: AuditEntry }) {
  return (
    <>
      {props.t.name}
      {props.t.modelDeleted && <Chip size="small" label="deleted" variant="outlined" color="error" sx={{ ml: 1 }} />}
    </>
  );
}

/**
 * An audit trail, newest first: who moved what, when, why, and the metrics at that moment.
 * With `withModel`, each row names its model (the registry-wide trail).
 */
export function HistoryTable(props: { history: Transition[] | AuditEntry[]; withModel?: boolean; empty?: string }) {
  if (props.history.length === 0) return <Typography color="text.secondary">{props.empty ?? 'Nothing has been promoted yet.'}</Typography>;
  return (
    <Table size="small" aria-label="transition history">
      <TableHead>
        <TableRow>
          {props.withModel && <TableCell>Model</TableCell>}
          <TableCell>When</TableCell>
          <TableCell>What</TableCell>
          <TableCell>Who</TableCell>
          <TableCell>Why</TableCell>
          <TableCell>Metrics then (before → after)</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.history.map((t) => (
          <TableRow key={t.id} data-testid="history-row">
            {props.withModel && (
              <TableCell>
                <ModelName t={t as AuditEntry} />
              </TableCell>
            )}
            <TableCell>{formatTime(t.at)}</TableCell>
            <TableCell>
              <Chip size="small" label={t.kind} color={KIND_COLOR[t.kind as keyof typeof KIND_COLOR] ?? 'default'} sx={{ mr: 1 }} />
              <Move t={t} />
            </TableCell>
            <TableCell>{t.actor}</TableCell>
            <TableCell>
              {t.reason}
              {t.gate && !t.gate.passed && <Typography variant="body2" color="warning.main">Gate overridden: {t.gate.overrideReason}</Typography>}
            </TableCell>
            <TableCell>
              <MetricsAtTheTime t={t} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
