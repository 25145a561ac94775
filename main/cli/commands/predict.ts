import type { EventEnvelope } from '../../contract/bridge';
import type { PredictionJob } from '../../contract/predictions';
import { writeExportFile } from '../../services/export/write-export-file';
import { type CliCommand, type CliContext } from '../command';
import { usageError } from '../usage-error';
import { reportProgress } from './flows';
import { jobSummary, recordingJson, recordingLine } from './predict-format';

/** The job's stage changes on stderr, beside the flow's own task lines. */
function reportStages(ctx: CliContext, jobId: string) {
  let last = '';
  return (envelope: EventEnvelope): void => {
    if (envelope.name !== 'predictions.progress') return;
    const job = envelope.payload as PredictionJob;
    if (job.id !== jobId || job.stage === last) return;
    last = job.stage;
    ctx.io.stderr(`stage: ${job.stage}\n`);
  };
}

export const predictCommand: CliCommand = {
  path: ['predict'],
  summary: 'Predict every recording of a BIDS dataset (folder or zip) with a registered model (default: the production one); each prediction is audited.',
  args: 'DATASET',
  options: {
    model: { type: 'string', placeholder: 'NAME[@alias|/version]', description: "the model: NAME is its production version, NAME@alias an alias, NAME/3 version 3 (default: the production model)" },
    out: { type: 'string', placeholder: 'results.csv', description: 'also write the results as CSV to this file' },
  },
  async run(ctx) {
    const dataset = ctx.positionals[0];
    if (!dataset || ctx.positionals.length > 1) throw usageError('Give exactly one DATASET: a BIDS folder or a .zip of one.');
    const out = ctx.values.out as string | undefined;
    const core = await ctx.openCore();
    ctx.io.stderr(`Keeping ${dataset} as an upload and checking it…\n`);
    const started = await core.services.predictions.startPath(dataset, ctx.values.model as string | undefined);
    ctx.io.stderr(`Started prediction ${started.id} with ${started.model.name} version ${started.model.version} on ${started.recordings.length} recording(s).\n`);
    const unsubscribe = [
      core.events.subscribe(reportProgress(ctx, started.flowRunId ?? '', new Map())),
      core.events.subscribe(reportStages(ctx, started.id)),
    ];
    const cancel = (): void => {
      ctx.io.stderr('Cancelling…\n');
      void core.services.predictions.cancel(started.id).catch(() => undefined);
    };
    process.once('SIGINT', cancel);
    let job: PredictionJob;
    try {
      job = await core.services.predictions.waitFor(started.id);
    } finally {
      process.off('SIGINT', cancel);
      for (const u of unsubscribe) u();
    }
    if (out) await writeExportFile(out, [core.services.predictions.exportCsv({ job: job.id })]);
    if (ctx.json) for (const r of job.recordings) ctx.io.stdout(`${JSON.stringify(recordingJson(r))}\n`);
    else for (const r of job.recordings) ctx.io.stdout(`${recordingLine(r)}\n`);
    const summary = jobSummary(job);
    const failed = job.state !== 'completed' || job.counts.failed > 0;
    if (failed) ctx.io.stderr(`${summary}\n`);
    else if (!ctx.json) ctx.io.stdout(`${summary}\n`);
    else ctx.io.stderr(`${summary}\n`);
    return failed ? 1 : 0;
  },
};
