import { useEffect, useState } from 'react';
import { Alert, Button, Link, Stack, Typography } from '@mui/material';
import { formatTime } from '../models/format';
import { Section } from '../../shell/Section';
import { NotFound } from '../../shell/NotFound';
import { JobProgress } from './JobProgress';
import { JobStateChip } from './JobsTable';
import { predictionsApi } from './predictions-api';
import { CsvExportButton } from './CsvExportButton';
import { RecordingDetailDialog } from './RecordingDetailDialog';
import { ResultsTable } from './ResultsTable';
import { isFinished, useJob } from './use-job';

/** One prediction job: live progress while it runs, then its results table and each recording's detail. */
export function JobResults(props: { id: string; nativeDialogs: boolean; onFinished(): void; onClose(): void }) {
  const { job, error, missing } = useJob(props.id);
  const [detail, setDetail] = useState<number | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const finished = job ? isFinished(job) : false;
  const { onFinished } = props;

  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);

  if (missing) return <NotFound what="This prediction" back="All predictions" onBack={props.onClose} />;
  const cancel = (): void => {
    predictionsApi.cancel(props.id).then(
      () => setCancelError(null),
      (e: unknown) => setCancelError((e as Error).message),
    );
  };
  return (
    <Section title="Results">
      {error && <Alert severity="error">The prediction could not be loaded: {error}</Alert>}
      {!job && !error && <Typography role="status">Loading…</Typography>}
      {job && (
        <Stack spacing={2} data-testid="job-results" data-state={job.state}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <JobStateChip state={job.state} />
            <Typography>
              {job.dataset.name} · {job.model.name} version {job.model.version}
              {job.model.alias ? ` (@${job.model.alias})` : ''} · started {formatTime(job.createdAt)} by {job.user}
            </Typography>
            {job.runId && (
              <Link href={`#/experiments/runs/${job.runId}`} underline="hover">
                its run
              </Link>
            )}
            {!finished && (
              <Button size="small" color="warning" onClick={cancel}>
                Cancel
              </Button>
            )}
            {finished && <CsvExportButton what={{ kind: 'job', id: job.id }} nativeDialogs={props.nativeDialogs} label="These results as CSV" testId="export-job" size="small" />}
          </Stack>
          {cancelError && <Alert severity="error">The prediction could not be cancelled: {cancelError}</Alert>}
          {job.error && (
            <Alert severity="error" data-testid="job-error">
              {job.error.message} ({job.error.code})
            </Alert>
          )}
          {finished && job.counts.failed > 0 && (
            <Alert severity="warning">
              {job.counts.failed} of {job.counts.total} recordings failed; each row says why. Nothing was filled in for them.
            </Alert>
          )}
          {!finished && <JobProgress job={job} />}
          <ResultsTable job={job} onOpen={setDetail} />
          <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            ONNX sha256 {job.model.onnxSha256} · spec hash {job.specHash}
          </Typography>
        </Stack>
      )}
      {detail !== null && <RecordingDetailDialog jobId={props.id} index={detail} onClose={() => setDetail(null)} />}
    </Section>
  );
}
