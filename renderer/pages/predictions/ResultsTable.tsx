import { Alert, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { FlagList } from './FlagList';
import { ProbabilityBars } from './ProbabilityBars';
import { qualityText, recordingName } from './prediction-view';
import { recordingStep } from './progress-view';
import type { PredictionJob } from './types';

/** A job's results, one row per recording: who, the label and its probabilities, quality, and out-of-distribution flags. */
export function ResultsTable(props: { job: PredictionJob; onOpen(index: number): void }) {
  const { job } = props;
  if (job.recordings.length === 0) return <Alert severity="info">This job has no recordings.</Alert>;
  return (
    <Table size="small" aria-label="prediction results">
      <TableHead>
        <TableRow>
          <TableCell>Subject</TableCell>
          <TableCell>Session</TableCell>
          <TableCell>Label</TableCell>
          <TableCell>Probabilities</TableCell>
          <TableCell>Quality</TableCell>
          <TableCell>Out-of-distribution flags</TableCell>
          <TableCell>Detail</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {job.recordings.map((r) => (
          <TableRow key={r.index} data-testid="result-row" data-status={r.status}>
            <TableCell>{r.entities.subject}</TableCell>
            <TableCell>{r.entities.session ?? '—'}</TableCell>
            {r.status === 'failed' ? (
              <TableCell colSpan={4}>
                <Alert severity="error" data-testid="recording-error">
                  {r.error ? `${r.error.message} (${r.error.code})` : 'This recording failed.'}
                </Alert>
              </TableCell>
            ) : (
              <>
                <TableCell data-testid="result-label">{r.label ? <Chip size="small" label={r.label} /> : recordingStep(r)}</TableCell>
                <TableCell>
                  <ProbabilityBars probabilities={r.probabilities} />
                </TableCell>
                <TableCell>{qualityText(r.quality)}</TableCell>
                <TableCell>
                  <FlagList flags={r.flags} />
                </TableCell>
              </>
            )}
            <TableCell>
              <Button size="small" onClick={() => props.onOpen(r.index)} disabled={r.status === 'pending' || r.status === 'running'} aria-label={`Details of ${recordingName(r.entities)}`}>
                Details
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
