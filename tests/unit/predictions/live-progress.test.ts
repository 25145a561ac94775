/**
 * A running job's progress, from the flow's task runs to what the Predictions page says:
 * each recording's step (a recording preprocessed while others are not is told apart from
 * one still preprocessing) and the current stage's count.
 */
import { describe, expect, it } from 'vitest';
import type { TaskRun } from '../../../main/contract/executor';
import type { JobRow } from '../../../main/services/predictions/job-store';
import { jobView } from '../../../main/services/predictions/job-view';
import { recordingStep, stageProgress } from '../../../renderer/pages/predictions/progress-view';

const PATHS = ['sub-01/eeg/sub-01_task-rest_eeg.edf', 'sub-02/eeg/sub-02_task-rest_eeg.vhdr', 'sub-03/eeg/sub-03_task-rest_eeg.edf'];

const row: JobRow = {
  id: 'pj-1',
  flow_run_id: 'fr-1',
  run_id: null,
  state: 'running',
  error_json: null,
  created_at: 0,
  finished_at: null,
  user: 'tester',
  upload_id: 'up-1',
  dataset_name: 'cohort.zip',
  dataset_path: '/data/uploads/up-1',
  dataset_sha256: 'a'.repeat(64),
  model_name: 'eeg-classifier',
  model_version: 1,
  model_alias: null,
  onnx_sha256: 'b'.repeat(64),
  spec_hash: 'c'.repeat(64),
  recordings_json: JSON.stringify(PATHS.map((path, i) => ({ path, entities: { subject: `0${i + 1}`, session: null, task: 'rest', run: null }, files: [] }))),
};

function taskRun(label: string, state: TaskRun['state']): TaskRun {
  return {
    taskRunId: `tr-${label}`,
    flowRunId: 'fr-1',
    taskName: label.startsWith('preprocess') ? 'features.recording' : label,
    label,
    state,
    stateMessage: null,
    attempt: 1,
    maxRetries: 0,
    cached: false,
    progress: null,
    progressMessage: null,
    trackingRunId: null,
    createdAt: 0,
    startedAt: null,
    endedAt: null,
    transitions: [],
  };
}

const live = (...taskRuns: TaskRun[]) => ({ taskRuns, finishing: false });
const preprocess = (i: number, state: TaskRun['state']) => taskRun(`preprocess ${PATHS[i]}`, state);
const steps = (job: ReturnType<typeof jobView>) => job.recordings.map(recordingStep);

describe('a running prediction job, stage by stage', () => {
  it('while validating: every recording waits and the stage is not counted', () => {
    const job = jobView(row, [], live(taskRun('validate', 'Running')));
    expect(job.stage).toBe('validate');
    expect(steps(job)).toEqual(['pending', 'pending', 'pending']);
    expect(stageProgress(job)).toEqual({ active: 0, done: null, total: 3, text: 'Checking the dataset and hashing its files' });
  });

  it('while preprocessing: a recording done is told apart from one running and one waiting, and counted', () => {
    const job = jobView(row, [], live(taskRun('validate', 'Completed'), preprocess(0, 'Completed'), preprocess(1, 'Running'), preprocess(2, 'Scheduled')));
    expect(job.stage).toBe('preprocess');
    expect(job.recordings.map((r) => [r.status, r.stage])).toEqual([
      ['running', 'preprocessed'],
      ['running', 'preprocess'],
      ['pending', null],
    ]);
    expect(steps(job)).toEqual(['preprocessed, waiting for the others', 'preprocessing', 'pending']);
    expect(stageProgress(job)).toEqual({ active: 1, done: 1, total: 3, text: '1 of 3 recordings preprocessed · 1 preprocessing · 1 waiting' });
  });

  it('once every recording is preprocessed: all of them are harmonized together', () => {
    const job = jobView(row, [], live(taskRun('validate', 'Completed'), ...PATHS.map((_, i) => preprocess(i, 'Completed')), taskRun('harmonize', 'Running')));
    expect(job.stage).toBe('harmonize');
    expect(steps(job)).toEqual(['harmonizing', 'harmonizing', 'harmonizing']);
    expect(stageProgress(job)).toMatchObject({ active: 2, done: null });
  });

  it('while the model runs: the inference step, with the audit write', () => {
    const job = jobView(row, [], { taskRuns: [taskRun('validate', 'Completed'), ...PATHS.map((_, i) => preprocess(i, 'Completed')), taskRun('harmonize', 'Completed')], finishing: true });
    expect(job.stage).toBe('inference');
    expect(steps(job)).toEqual(['running the model', 'running the model', 'running the model']);
    expect(stageProgress(job)).toEqual({ active: 3, done: null, total: 3, text: 'Running the model and writing the audit records' });
  });

  it('a recording whose preprocessing task failed is not shown as preprocessed', () => {
    const job = jobView(row, [], live(taskRun('validate', 'Completed'), preprocess(0, 'Failed'), preprocess(1, 'Running'), preprocess(2, 'Completed')));
    expect(job.recordings.map((r) => r.stage)).toEqual(['preprocess', 'preprocess', 'preprocessed']);
    expect(stageProgress(job).done).toBe(1);
  });

  it('a finished recording shows its status', () => {
    expect(recordingStep({ status: 'ok', stage: null })).toBe('ok');
    expect(recordingStep({ status: 'running', stage: null })).toBe('running');
    expect(recordingStep({ status: 'running', stage: 'something new' })).toBe('running: something new');
  });
});
