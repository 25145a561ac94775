import { Chip, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatTime } from '../models/format';
import type { JobState, PredictionJob } from './types';

const STATE_COLORS: Record<JobState, 'default' | 'info' | 'success' | 'error' | 'warning'> = { queued: 'default', running: 'info', completed: 'success', failed: 'error', cancelled: 'warning' };

/** Labels of a job's recordings with their counts: "HC 3 · ACr 1". */
export function labelSummary(job: PredictionJob): string {
  const counts = new Map<string, number>();
  for (const r of job.recordings) if (r.label) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${label} ${n}`).join(' · ') || '—';
}

export function JobStateChip(props: { state: JobState }) {
  return <Chip size="small" label={props.state} color={STATE_COLORS[props.state]} data-testid="job-state" />;
}

/** Past jobs, newest first; a job opens its results. */
export function JobsTable(props: { jobs: PredictionJob[]; openId: string | null; onOpen(id: string): void }) {
  if (props.jobs.length === 0) return <Typography color="text.secondary" data-testid="no-history">No prediction matches these filters.</Typography>;
  return (
    <Table size="small" aria-label="prediction history">
      <TableHead>
        <TableRow>
          <TableCell>Started</TableCell>
          <TableCell>Dataset</TableCell>
          <TableCell>Model</TableCell>
          <TableCell>State</TableCell>
          <TableCell align="right">Recordings (failed)</TableCell>
          <TableCell>Labels</TableCell>
          <TableCell>User</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.jobs.map((job) => (
          <TableRow key={job.id} hover selected={job.id === props.openId} data-testid="history-job">
            <TableCell>
              <Link component="button" underline="hover" onClick={() => props.onOpen(job.id)}>
                {formatTime(job.createdAt)}
              </Link>
            </TableCell>
            <TableCell>{job.dataset.name}</TableCell>
            <TableCell>
              {job.model.name} v{job.model.version}
              {job.model.alias ? ` @${job.model.alias}` : ''}
            </TableCell>
            <TableCell>
              <JobStateChip state={job.state} />
            </TableCell>
            <TableCell align="right">
              {job.counts.total} ({job.counts.failed})
            </TableCell>
            <TableCell>{labelSummary(job)}</TableCell>
            <TableCell>{job.user}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
