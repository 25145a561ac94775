import type { CliCommand, CliContext } from '../command';
import { printResult } from '../command';
import { usageError } from '../usage-error';
import { pullText, pushText, statusText } from './sync-format';

const REMOTE = { type: 'string', placeholder: 'URL', description: 'the MLflow tracking server, e.g. http://mlflow.lab:5000 (default: the one saved in Settings); credentials come from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD' } as const;

const remoteOf = (ctx: CliContext): string | undefined => ctx.values.remote as string | undefined;

const pushCommand: CliCommand = {
  path: ['sync', 'push'],
  summary: 'Push runs and models to a remote MLflow server; only what is new since the last push is sent, and an interrupted push resumes.',
  options: {
    remote: REMOTE,
    experiment: { type: 'string', placeholder: 'NAME', description: 'push only this experiment' },
    run: { type: 'string', placeholder: 'ID', multiple: true, description: 'push only this run (and its parents)' },
    model: { type: 'string', placeholder: 'NAME', description: 'push only this registered model, with the runs of its versions' },
  },
  async run(ctx) {
    const runIds = (ctx.values.run as string[] | undefined) ?? [];
    const experiment = ctx.values.experiment as string | undefined;
    const model = ctx.values.model as string | undefined;
    if ([experiment !== undefined, runIds.length > 0, model !== undefined].filter(Boolean).length > 1) {
      throw usageError('Choose one of --experiment NAME, --run ID or --model NAME (or none, to push everything).');
    }
    const core = await ctx.openCore();
    const { scopeOf } = await import('../../services/sync/push');
    const report = await core.services.sync.push({
      remote: remoteOf(ctx),
      scope: scopeOf({ experiment, runIds, model }),
      progress: ctx.json ? undefined : (message) => ctx.io.stderr(`  ${message}\n`),
    });
    printResult(ctx, report, pushText);
    return report.ok ? 0 : 1;
  },
};

const statusCommand: CliCommand = {
  path: ['sync', 'status'],
  summary: 'Show how many runs and models are synced, pending or failed (with the reasons) on the remote.',
  options: { remote: REMOTE },
  async run(ctx) {
    const core = await ctx.openCore();
    printResult(ctx, await core.dispatcher.invoke('sync.status', { remote: remoteOf(ctx) }), statusText);
  },
};

const pullCommand: CliCommand = {
  path: ['sync', 'pull'],
  summary: "Import one model version from a remote MLflow registry, checked against its hashes: --model NAME, NAME@alias or NAME/VERSION.",
  options: { remote: REMOTE, model: { type: 'string', placeholder: 'NAME[@alias|/version]', description: 'the version to pull (default: the latest)' } },
  async run(ctx) {
    const model = ctx.values.model as string | undefined;
    if (!model) throw usageError('Name the model: "neuroops sync pull --remote URL --model NAME[@alias|/version]".');
    const core = await ctx.openCore();
    printResult(ctx, await core.dispatcher.invoke('sync.pull', { remote: remoteOf(ctx), model }), pullText);
  },
};

export const syncCommands: readonly CliCommand[] = [pushCommand, statusCommand, pullCommand];
