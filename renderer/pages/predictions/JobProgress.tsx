import { Box, LinearProgress, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { JOB_STAGES, STAGE_LABELS, stageProgress } from './progress-view';
import type { PredictionJob } from './types';

/**
 * Progress of a running job: the stage it is in, and how far that stage has got (recordings
 * preprocessed of all while preprocessing). Each recording's own step is in the results table.
 */
export function JobProgress(props: { job: PredictionJob }) {
  const { job } = props;
  const progress = stageProgress(job);
  const counted = progress.done !== null && progress.total > 0;
  return (
    <Box data-testid="job-progress" data-stage={job.stage}>
      <Stepper activeStep={progress.active} alternativeLabel sx={{ mb: 2 }}>
        {JOB_STAGES.filter((s) => s !== 'done').map((stage) => (
          <Step key={stage}>
            <StepLabel>{STAGE_LABELS[stage]}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <LinearProgress
        variant={counted ? 'determinate' : 'indeterminate'}
        value={counted ? (100 * progress.done!) / progress.total : 0}
        aria-label={`${STAGE_LABELS[job.stage] ?? job.stage} progress`}
        data-testid="stage-progress-bar"
      />
      <Typography variant="body2" role="status" sx={{ mt: 0.5 }} data-testid="stage-progress">
        {progress.text}
      </Typography>
    </Box>
  );
}
