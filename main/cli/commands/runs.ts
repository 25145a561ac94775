import { printResult, type CliCommand } from '../command';
import { usageError } from '../usage-error';
import { runDetail, runsTable } from './runs-format';

const listCommand: CliCommand = {
  path: ['runs', 'list'],
  summary: 'List tracked runs, newest first, optionally of one experiment and matching an MLflow filter.',
  options: {
    experiment: { type: 'string', placeholder: 'NAME', description: 'only runs of this experiment (default: every active experiment)' },
    filter: { type: 'string', placeholder: 'EXPR', description: "MLflow search filter, e.g. \"metrics.acc > 0.8 AND params.model = 'eegnet'\"" },
    'max-results': { type: 'string', placeholder: 'N', description: 'at most N runs (default 100)' },
  },
  async run(ctx) {
    const core = await ctx.openCore();
    const name = ctx.values.experiment as string | undefined;
    const experimentIds = name
      ? [core.services.tracking.getExperimentByName(name).experimentId]
      : (await core.dispatcher.invoke('tracking.searchExperiments', { maxResults: 50_000 })).experiments.map((e) => e.experimentId);
    const maxText = (ctx.values['max-results'] as string | undefined) ?? '100';
    const maxResults = Number(maxText);
    if (!Number.isInteger(maxResults) || maxResults < 1) throw usageError(`--max-results must be a positive whole number, not "${maxText}".`);
    const result = await core.dispatcher.invoke('tracking.searchRuns', {
      experimentIds,
      filter: ctx.values.filter as string | undefined,
      maxResults,
    });
    printResult(ctx, result, runsTable);
  },
};

const showCommand: CliCommand = {
  path: ['runs', 'show'],
  args: 'RUN_ID',
  summary: 'Show one run: its info, params, latest metrics and tags.',
  async run(ctx) {
    const runId = ctx.positionals[0];
    if (!runId) throw usageError('Give the run id, e.g. "neuroops runs show 3f2a…"; "neuroops runs list" shows them.');
    const core = await ctx.openCore();
    printResult(ctx, await core.dispatcher.invoke('tracking.getRun', { runId }), runDetail);
  },
};

export const runsCommands: readonly CliCommand[] = [listCommand, showCommand];
