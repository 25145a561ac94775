import { TRAIN_MODEL_TYPES } from '../../contract/training-constants';
import type { TrainingSource } from '../../services/training/flow-params';
import { printResult, type CliCommand, type CliContext } from '../command';
import { usageError } from '../usage-error';
import { reportProgress } from './flows';
import { trainingJson, trainingSummary } from './train-format';

function wholeNumber(ctx: CliContext, name: string, min: number): number | undefined {
  const text = ctx.values[name] as string | undefined;
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw usageError(`--${name} must be a whole number of at least ${min}, not "${text}".`);
  return n;
}

function sourceOf(ctx: CliContext): TrainingSource | 'demo' {
  const dataset = ctx.values.dataset as string | undefined;
  const features = ctx.values.features as string | undefined;
  if (dataset && features) throw usageError('Give --dataset or --features, not both.');
  if (features) return { kind: 'features', path: features };
  if (dataset) return { kind: 'dataset', path: dataset };
  return 'demo';
}

export const trainCommand: CliCommand = {
  path: ['train'],
  summary: 'Train a classifier with the ml_pipeline flow (the demo dataset when no data is given), register it, and print its metrics.',
  options: {
    dataset: { type: 'string', placeholder: 'DIR|ZIP', description: 'a BIDS dataset (folder or zip): its band-power features under the default spec' },
    features: { type: 'string', placeholder: 'FILE.csv', description: 'a feature table instead (e.g. from `neuroops features`), one row per example' },
    label: { type: 'string', placeholder: 'COLUMN', description: "the column to learn (default: participants.tsv's group)" },
    model: { type: 'string', placeholder: TRAIN_MODEL_TYPES.join('|'), description: 'random forest (default), logistic regression or gradient-boosted trees' },
    search: { type: 'string', placeholder: 'N', description: "candidates of a randomized search over the model's preset space, on the worker pool (default 0: scikit-learn's defaults)" },
    cv: { type: 'string', placeholder: 'K', description: 'cross-validation folds on the train part (default 5)' },
    seed: { type: 'string', placeholder: 'S', description: 'seed of the split, the folds and the model (default 0)' },
    experiment: { type: 'string', placeholder: 'NAME', description: 'tracking experiment (default: training)' },
    register: { type: 'string', placeholder: 'NAME', description: 'registered model to add the version to (default: eeg-classifier)' },
  },
  async run(ctx) {
    const model = ctx.values.model as string | undefined;
    if (model !== undefined && !(TRAIN_MODEL_TYPES as readonly string[]).includes(model)) {
      throw usageError(`--model must be one of ${TRAIN_MODEL_TYPES.join(', ')}, not "${model}".`);
    }
    const search = wholeNumber(ctx, 'search', 0) ?? 0;
    const source = sourceOf(ctx);
    const { trainingOptionsSchema } = await import('../../contract/training');
    const parsed = trainingOptionsSchema.safeParse({
      model,
      search,
      cv: wholeNumber(ctx, 'cv', 2),
      seed: wholeNumber(ctx, 'seed', 0),
      label: ctx.values.label,
      experiment: ctx.values.experiment,
      register: ctx.values.register,
    });
    if (!parsed.success) throw usageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    const core = await ctx.openCore();
    if (source === 'demo') ctx.io.stderr(`Training on the demo dataset (made in ${core.dataDir}/demo on first use).\n`);
    const started = await core.services.training.start(source, parsed.data);
    const flowRunId = started.flowRun.flowRunId;
    ctx.io.stderr(`Started training ${flowRunId} on ${started.source}.\n`);
    const unsubscribe = core.events.subscribe(reportProgress(ctx, flowRunId, new Map()));
    const cancel = (): void => {
      ctx.io.stderr('Cancelling…\n');
      void core.services.executor.cancel(flowRunId);
    };
    process.once('SIGINT', cancel);
    try {
      const status = await core.services.training.waitFor(flowRunId);
      if (ctx.json) printResult(ctx, trainingJson(status), () => '');
      else ctx.io.stdout(`${trainingSummary(status)}\n`);
      return status.flowRun.state === 'Completed' ? 0 : 1;
    } finally {
      process.off('SIGINT', cancel);
      unsubscribe();
    }
  },
};
