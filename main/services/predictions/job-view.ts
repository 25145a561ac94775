/**
 * A job as the API shows it: its row, its results once written, and while it
 * runs each recording's place in the flow (read from the flow's task runs:
 * `validate`, `preprocess <path>`, `harmonize`), so progress needs no writes of
 * its own.
 */
import type { PredictionJob, PredictionRecording } from '../../contract/predictions';
import type { TaskRun } from '../../contract/executor';
import type { JobRow, ResultRow } from './job-store';

export interface LiveFlow {
  /** Task runs of the job's flow run (empty before it starts). */
  taskRuns: TaskRun[];
  /** True once the flow has completed and the service is running the model and writing the audit. */
  finishing: boolean;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const DONE_STATES = new Set(['Completed', 'Failed', 'Cancelled', 'TimedOut', 'Crashed']);

function latest(taskRuns: TaskRun[], label: string): TaskRun | undefined {
  return taskRuns.filter((t) => t.label === label).at(-1);
}

function jobStage(row: JobRow, live: LiveFlow, paths: string[]): string {
  if (row.state !== 'queued' && row.state !== 'running') return 'done';
  if (live.finishing) return 'inference';
  const validate = latest(live.taskRuns, 'validate');
  if (!validate || validate.state !== 'Completed') return 'validate';
  if (paths.some((p) => latest(live.taskRuns, `preprocess ${p}`)?.state !== 'Completed')) return 'preprocess';
  return 'harmonize';
}

function liveStatus(path: string, stage: string, live: LiveFlow): Pick<PredictionRecording, 'status' | 'stage'> {
  const pre = latest(live.taskRuns, `preprocess ${path}`);
  if (stage === 'validate' || !pre || pre.state === 'Scheduled' || pre.state === 'Pending') return { status: 'pending', stage: null };
  if (!DONE_STATES.has(pre.state)) return { status: 'running', stage: 'preprocess' };
  // Its own preprocessing is over while the others' goes on: harmonization takes them all at once.
  if (stage === 'preprocess' && pre.state === 'Completed') return { status: 'running', stage: 'preprocessed' };
  return { status: 'running', stage };
}

export function jobView(row: JobRow, results: ResultRow[], live: LiveFlow): PredictionJob {
  const inputs = JSON.parse(row.recordings_json) as Array<{ path: string; entities: PredictionRecording['entities']; files: PredictionRecording['files'] }>;
  const stage = jobStage(row, live, inputs.map((r) => r.path));
  const byIndex = new Map(results.map((r) => [r.idx, r]));
  const running = row.state === 'queued' || row.state === 'running';
  const recordings: PredictionRecording[] = inputs.map((input, index) => {
    const base = { index, entities: input.entities, files: input.files };
    const r = byIndex.get(index);
    if (r) {
      return {
        ...base,
        status: r.status,
        stage: null,
        label: r.label,
        probabilities: parse<Record<string, number>>(r.probabilities_json),
        quality: parse<PredictionRecording['quality']>(r.quality_json),
        flags: JSON.parse(r.flags_json) as PredictionRecording['flags'],
        error: parse<{ code: string; message: string }>(r.error_json),
        auditSeq: r.audit_seq,
      };
    }
    const status = running ? liveStatus(input.path, stage, live) : { status: 'failed' as const, stage: null };
    const error = running ? null : (parse<{ code: string; message: string }>(row.error_json) ?? { code: 'NOT_PREDICTED', message: 'The job ended before this recording was predicted.' });
    return { ...base, ...status, label: null, probabilities: null, quality: null, flags: [], error, auditSeq: null };
  });
  return {
    id: row.id,
    runId: row.run_id,
    flowRunId: row.flow_run_id,
    state: row.state,
    error: parse(row.error_json),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    user: row.user,
    dataset: { uploadId: row.upload_id, name: row.dataset_name, path: row.dataset_path },
    model: { name: row.model_name, version: row.model_version, alias: row.model_alias, onnxSha256: row.onnx_sha256 },
    specHash: row.spec_hash,
    stage,
    recordings,
    counts: { total: recordings.length, ok: recordings.filter((r) => r.status === 'ok').length, failed: recordings.filter((r) => r.status === 'failed').length },
  };
}
