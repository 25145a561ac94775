import path from 'node:path';
import type { z } from 'zod';
import type { trainingOptionsSchema } from '../../contract/training';
import type { MlPipelineParams } from '../../../pipelines/flows/ml-pipeline/flow';

export type ParsedTrainingOptions = z.output<typeof trainingOptionsSchema>;
export type TrainingSource = { kind: 'dataset' | 'features'; path: string };

/**
 * The ml_pipeline params of one training: load the dataset's band-power features
 * (eeg.bids_features) or a CSV table (table.csv), prepare (split, correlation
 * filter), train (cross-validate, fit, evaluate, export).
 */
export function trainingFlowParams(source: TrainingSource, options: ParsedTrainingOptions): MlPipelineParams {
  const file = path.resolve(source.path);
  return {
    load:
      source.kind === 'dataset'
        ? { fn: 'eeg.bids_features', args: { dataset: file, label: options.label } }
        : { fn: 'table.csv', args: { path: file, label: options.label } },
    process: { fn: 'ml.prepare', args: { seed: options.seed } },
    train: { fn: 'ml.train', args: { model: options.model, cv: options.cv, seed: options.seed, search: options.search } },
    experiment: options.experiment,
  };
}

/** The dataset or table a training's params load, if they name one. */
export function sourceOfParams(params: unknown): string | null {
  const args = (params as { load?: { args?: { dataset?: unknown; path?: unknown } } } | null)?.load?.args;
  const value = args?.dataset ?? args?.path;
  return typeof value === 'string' ? value : null;
}
