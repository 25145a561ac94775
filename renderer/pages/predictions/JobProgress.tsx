import { Box, LinearProgress, Step, StepLabel, Stepper, Typography } from '@mui/material';
import type { PredictionJob } from './types';

/** The job's stages in order, as the contract names them. */
export const JOB_STAGES = ['validate', 'preprocess', 'harmonize', 'inference', 'audit', 'done'] as const;

const STAGE_LABELS: Record<string, string> = {
  validate: 'Validate',
  preprocess: 'Preprocess',
  harmonize: 'Harmonize',
  inference: 'Inference',
  audit: 'Audit',
  done: 'Done',
};

/** Progress of a running job: the stage it is in and how many recordings are done (each recording's own step is in the results table). */
export function JobProgress(props: { job: PredictionJob }) {
  const { job } = props;
  const done = job.counts.ok + job.counts.failed;
  const active = Math.max(0, JOB_STAGES.indexOf(job.stage as (typeof JOB_STAGES)[number]));
  return (
    <Box data-testid="job-progress">
      <Stepper activeStep={active} alternativeLabel sx={{ mb: 2 }}>
        {JOB_STAGES.filter((s) => s !== 'done').map((stage) => (
          <Step key={stage}>
            <StepLabel>{STAGE_LABELS[stage]}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <LinearProgress variant={job.counts.total > 0 ? 'determinate' : 'indeterminate'} value={job.counts.total > 0 ? (100 * done) / job.counts.total : 0} aria-label="recordings predicted" />
      <Typography variant="body2" role="status" sx={{ mt: 0.5 }}>
        {done} of {job.counts.total} recording{job.counts.total === 1 ? '' : 's'} done ({job.counts.failed} failed) · stage: {STAGE_LABELS[job.stage] ?? job.stage}
      </Typography>
    </Box>
  );
}
