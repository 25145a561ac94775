/** How `neuroops predict` prints a finished job: a line per recording, or one JSON object per recording. */
import type { PredictionJob, PredictionRecording } from '../../contract/predictions';

function who(r: PredictionRecording): string {
  const { subject, session, task, run } = r.entities;
  return [`sub-${subject}`, session && `ses-${session}`, task && `task-${task}`, run && `run-${run}`].filter(Boolean).join('_');
}

/** The object --json prints for one recording: its entities, and its label, probabilities and flags, or its error. */
export function recordingJson(r: PredictionRecording): Record<string, unknown> {
  if (r.status === 'ok') return { entities: r.entities, label: r.label, probabilities: r.probabilities, flags: r.flags, quality: r.quality, auditSeq: r.auditSeq };
  return { entities: r.entities, error: r.error ?? { code: 'NOT_PREDICTED', message: 'not predicted' } };
}

export function recordingLine(r: PredictionRecording): string {
  if (r.status !== 'ok') return `${who(r)}  FAILED  ${r.error ? `${r.error.code}: ${r.error.message}` : ''}`;
  const probabilities = Object.entries(r.probabilities ?? {})
    .map(([c, p]) => `${c} ${p.toFixed(3)}`)
    .join(', ');
  const flags = r.flags.map((f) => `  ! ${f.message}`).join('\n');
  return `${who(r)}  ${r.label}  (${probabilities})${flags ? `\n${flags}` : ''}`;
}

export function jobSummary(job: PredictionJob): string {
  const { total, ok, failed } = job.counts;
  const model = `${job.model.name} version ${job.model.version}${job.model.alias ? ` (@${job.model.alias})` : ''}`;
  const head = `${total} recording(s) of "${job.dataset.name}" with ${model}: ${ok} predicted, ${failed} failed (job ${job.id}, ${job.state})`;
  return job.error && failed === total ? `${head}. ${job.error.message}` : `${head}.`;
}
