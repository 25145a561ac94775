import { plural } from './prediction-view';
import type { PredictionJob, RecordingResult } from './types';

/** What a running job shows: its stage among all of them, and how far that stage has got. Pure, so it is tested without a browser. */

/** The job's stages in order, as the contract names them ("audit" is part of the inference step's write). */
export const JOB_STAGES = ['validate', 'preprocess', 'harmonize', 'inference', 'audit', 'done'] as const;

export const STAGE_LABELS: Record<string, string> = {
  validate: 'Validate',
  preprocess: 'Preprocess',
  harmonize: 'Harmonize',
  inference: 'Inference',
  audit: 'Audit',
  done: 'Done',
};

/** A running recording's step in words; a recording not running shows its status. */
const RECORDING_STEPS: Record<string, string> = {
  preprocess: 'preprocessing',
  preprocessed: 'preprocessed, waiting for the others',
  harmonize: 'harmonizing',
  inference: 'running the model',
};

export function recordingStep(recording: Pick<RecordingResult, 'status' | 'stage'>): string {
  if (recording.status !== 'running') return recording.status;
  if (!recording.stage) return 'running';
  return RECORDING_STEPS[recording.stage] ?? `running: ${recording.stage}`;
}

export interface StageProgress {
  /** Index of the job's stage in JOB_STAGES (0 when the stage is unknown). */
  active: number;
  /** Recordings the stage has finished, of `total`; null when the stage works on the whole dataset at once. */
  done: number | null;
  total: number;
  text: string;
}

/**
 * How far the job's current stage has got. Preprocessing goes recording by recording, so it
 * counts them (done, running, waiting); the other stages take the dataset as a whole.
 */
export function stageProgress(job: Pick<PredictionJob, 'stage' | 'recordings'>): StageProgress {
  const active = Math.max(0, JOB_STAGES.indexOf(job.stage as (typeof JOB_STAGES)[number]));
  const total = job.recordings.length;
  const count = (test: (r: PredictionJob['recordings'][number]) => boolean): number => job.recordings.filter(test).length;
  switch (job.stage) {
    case 'validate':
      return { active, done: null, total, text: 'Checking the dataset and hashing its files' };
    case 'preprocess': {
      const done = count((r) => r.status === 'ok' || r.status === 'failed' || (r.status === 'running' && r.stage !== 'preprocess'));
      const running = count((r) => r.status === 'running' && r.stage === 'preprocess');
      return { active, done, total, text: `${done} of ${plural(total, 'recording')} preprocessed · ${running} preprocessing · ${total - done - running} waiting` };
    }
    case 'harmonize':
      return { active, done: null, total, text: "Harmonizing the recordings with the model's parameters and checking them against its schema" };
    case 'inference':
    case 'audit':
      return { active, done: null, total, text: 'Running the model and writing the audit records' };
    default:
      return { active, done: null, total, text: `Stage: ${STAGE_LABELS[job.stage] ?? job.stage}` };
  }
}
