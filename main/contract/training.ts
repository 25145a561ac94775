import { z } from 'zod';
import { procedure } from './define';
import { flowRunSchema } from './executor';
import { modelVersionSchema } from './registry';

import { DEFAULT_REGISTERED_NAME, DEFAULT_TRAINING_EXPERIMENT, TRAIN_MODEL_TYPES } from './training-constants';

export { DEFAULT_REGISTERED_NAME, DEFAULT_TRAINING_EXPERIMENT, TRAIN_MODEL_TYPES };

const modelName = z.string().min(1).max(256);

/** How to train, whatever the data: the options of `neuroops train` and of the Models page's form. */
export const trainingOptionsSchema = z.object({
  model: z.enum(TRAIN_MODEL_TYPES).default('rf'),
  /** Candidates of a randomized hyper-parameter search (on the worker pool); 0: scikit-learn's defaults. */
  search: z.number().int().min(0).max(10_000).default(0),
  /** Folds of the cross-validation on the train part. */
  cv: z.number().int().min(2).max(50).default(5),
  seed: z.number().int().min(0).default(0),
  /** The column to learn (participants.tsv's, or the feature table's). */
  label: z.string().min(1).default('group'),
  experiment: z.string().min(1).max(500).default(DEFAULT_TRAINING_EXPERIMENT),
  /** The registered model the trained model becomes a new version of; null: do not register. */
  register: modelName.nullable().default(DEFAULT_REGISTERED_NAME),
});

const uploadId = z.string().min(1).max(100);

export const trainingSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset'), path: z.string().min(1) }),
  z.object({ kind: z.literal('features'), path: z.string().min(1) }),
  /** A BIDS zip or a feature table (CSV) kept by uploads.add or POST /api/uploads. */
  z.object({ kind: z.literal('upload'), uploadId }),
]);

const cvSchema = z.object({ metric: z.literal('accuracy'), scores: z.array(z.number()), mean: z.number(), std: z.number() });

export const trainResultSchema = z.object({
  model: z.string(),
  search: z.object({ candidates: z.number(), bestScore: z.number(), bestStd: z.number(), elapsedMs: z.number() }).nullable(),
  params: z.record(z.string(), z.unknown()),
  classes: z.array(z.string()),
  featureNames: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  cv: cvSchema,
  modelArtifactPath: z.string(),
});

export const trainingStatusSchema = z.object({
  flowRun: flowRunSchema,
  /** The dataset or table trained on (the demo's folder for the demo). */
  source: z.string().nullable(),
  /** The nested run of the train stage: its metrics and the model directory. */
  trainRunId: z.string().nullable(),
  result: trainResultSchema.nullable(),
  /** The version registered from this training, once it is. */
  modelVersion: modelVersionSchema.nullable(),
});

export type TrainingOptions = z.input<typeof trainingOptionsSchema>;
export type TrainingStatus = z.infer<typeof trainingStatusSchema>;
export type TrainResultInfo = z.infer<typeof trainResultSchema>;

export const trainingProcedures = {
  'training.startDemo': procedure(
    'Trains a model on the demo dataset (made in the data folder on first use) with the ml_pipeline flow, and registers it when it completes.',
    trainingOptionsSchema,
    trainingStatusSchema,
  ),
  'training.start': procedure(
    'Trains a model on a BIDS dataset (folder or zip) or a feature table (CSV) on this computer, and registers it when it completes.',
    trainingOptionsSchema.extend({ source: trainingSourceSchema }),
    trainingStatusSchema,
    {
      hostPaths: true,
      overHttp: 'Upload the BIDS zip or the feature table (POST /api/uploads) and call training.startUpload with its id, or run `neuroops train --dataset DIR` on the computer that holds the data.',
    },
  ),
  'training.startUpload': procedure(
    'Trains a model on an upload (a BIDS zip or a feature table CSV, see uploads.add and POST /api/uploads), and registers it when it completes.',
    trainingOptionsSchema.extend({ uploadId }),
    trainingStatusSchema,
  ),
  'training.get': procedure(
    'A training: its flow run, the train stage\'s run and result, and the model version registered from it.',
    z.object({ flowRunId: z.string().min(1) }),
    trainingStatusSchema,
  ),
};
