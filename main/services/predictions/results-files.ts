/**
 * A job's inputs and results as files: the artifacts of its run in the
 * "predictions" experiment, and the CSV the Predictions page exports. One row
 * per recording; probabilities as one column per class.
 */
import { csvCell } from '../../../pipelines/csv-cell';
import type { PredictionJob } from '../../contract/predictions';

const ENTITY_COLUMNS = ['subject', 'session', 'task', 'run'] as const;

export function jobInputs(job: PredictionJob): Record<string, unknown> {
  return {
    jobId: job.id,
    dataset: job.dataset,
    model: job.model,
    specHash: job.specHash,
    recordings: job.recordings.map((r) => ({ entities: r.entities, files: r.files })),
  };
}

/** Every class any recording of these jobs has a probability for, sorted. */
function classesOf(jobs: PredictionJob[]): string[] {
  return [...new Set(jobs.flatMap((j) => j.recordings.flatMap((r) => Object.keys(r.probabilities ?? {}))))].sort();
}

/** Results of one or more jobs, one row per recording, oldest job last as listed. */
export function resultsCsv(jobs: PredictionJob[]): string {
  const classes = classesOf(jobs);
  const header = ['job_id', 'created_at', 'model', 'model_version', ...ENTITY_COLUMNS, 'status', 'label', ...classes.map((c) => `p_${c}`), 'epochs_kept', 'out_of_distribution', 'flag_features', 'error', 'audit_seq'];
  const lines = [header.map(csvCell).join(',')];
  for (const job of jobs) {
    for (const r of job.recordings) {
      const cells = [
        job.id,
        new Date(job.createdAt).toISOString(),
        job.model.name,
        String(job.model.version),
        ...ENTITY_COLUMNS.map((k) => r.entities[k] ?? ''),
        r.status,
        r.label ?? '',
        ...classes.map((c) => (r.probabilities?.[c] === undefined ? '' : String(r.probabilities[c]))),
        r.quality ? String(r.quality.epochsKept) : '',
        r.flags.length ? 'yes' : 'no',
        r.flags.flatMap((f) => f.features.map((x) => x.name)).join(';'),
        r.error ? `${r.error.code}: ${r.error.message}` : '',
        r.auditSeq === null ? '' : String(r.auditSeq),
      ];
      lines.push(cells.map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
