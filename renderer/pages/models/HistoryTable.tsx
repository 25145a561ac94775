import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatMetric, formatTime } from './format';
import type { Transition } from './models-store';

const v = (version: number | null): string => (version === null ? 'none' : `v${version}`);

function Move(props: { t: Transition }) {
  const { t } = props;
  if (t.kind === 'stage') return <>{`${v(t.toVersion)}: ${t.fromStage} → ${t.toStage}`}</>;
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

/** The model's audit trail, newest first: who moved what, when, why, and the metrics at that moment. */
export function HistoryTable(props: { history: Transition[] }) {
  if (props.history.length === 0) return <Typography color="text.secondary">Nothing has been promoted yet.</Typography>;
  return (
    <Table size="small" aria-label="transition history">
      <TableHead>
        <TableRow>
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
            <TableCell>{formatTime(t.at)}</TableCell>
            <TableCell>
              <Chip size="small" label={t.kind} color={t.kind === 'rollback' ? 'warning' : t.kind === 'promote' ? 'success' : 'default'} sx={{ mr: 1 }} />
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
