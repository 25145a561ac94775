import { z } from 'zod';
import { event, procedure } from './define';
import { auditRecordSchema } from './audit';

/**
 * Predictions: a registered model run on a BIDS dataset kept in uploads/. A job is
 * validated first (findings before anything runs), then runs as the `predict` flow on the
 * executor (preprocess with the model's own spec, harmonize, schema check, inference,
 * out-of-distribution flags) and leaves one audit record per recording it predicted.
 * docs/predictions.md tells the whole story.
 */

/** The BIDS entities that name a recording (its subject, and session, task and run when present). */
export const entitiesSchema = z.object({
  subject: z.string(),
  session: z.string().nullable(),
  task: z.string().nullable(),
  run: z.string().nullable(),
});

/** A file of the dataset a recording is read from (the data file, its companions and sidecars), with its sha256. */
export const predictionFileSchema = z.object({ path: z.string(), sha256: z.string() });

/** One validator finding; `path` is the file it concerns (relative to the dataset root), null for the dataset as a whole. */
export const predictionFindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** The BIDS rule or check that found it, e.g. "EDF_TRUNCATED". */
  code: z.string(),
  message: z.string(),
  path: z.string().nullable(),
});

export const validationSchema = z.object({
  /** False when a finding is an error: such a dataset is refused by predictions.start. */
  ok: z.boolean(),
  findings: z.array(predictionFindingSchema),
  /** The recordings that would be predicted, in order. */
  recordings: z.array(z.object({ entities: entitiesSchema, files: z.array(predictionFileSchema) })),
});

/** A feature that drives an out-of-distribution flag: its value against the training mean and std (z = (value - mean) / std). */
export const driverFeatureSchema = z.object({ name: z.string(), value: z.number(), mean: z.number(), std: z.number(), z: z.number() });

export const predictionFlagSchema = z.object({
  kind: z.literal('out_of_distribution'),
  message: z.string(),
  /** The features that put the recording outside the training distribution, most extreme first. */
  features: z.array(driverFeatureSchema),
});

/** What preprocessing kept of a recording, as the quality summary of its prediction. */
export const predictionQualitySchema = z.object({
  epochsKept: z.number(),
  epochsTotal: z.number(),
  secondsKept: z.number(),
  interpolatedChannels: z.array(z.string()),
});

export const RECORDING_STATUSES = ['pending', 'running', 'ok', 'failed'] as const;

export const predictionRecordingSchema = z.object({
  /** Its position in the job, 0-based (predictions.recording takes it). */
  index: z.number().int(),
  entities: entitiesSchema,
  files: z.array(predictionFileSchema),
  status: z.enum(RECORDING_STATUSES),
  /**
   * The step it is in while running ("preprocess", "harmonize", "inference"), else null;
   * "preprocessed" once its own preprocessing is done while other recordings' goes on.
   */
  stage: z.string().nullable(),
  /** The predicted class, once ok. */
  label: z.string().nullable(),
  /** Class → probability, once ok. */
  probabilities: z.record(z.string(), z.number()).nullable(),
  quality: predictionQualitySchema.nullable(),
  flags: z.array(predictionFlagSchema),
  /** Why it failed (e.g. FEATURE_SCHEMA_MISMATCH with the missing channels), else null. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The sequence number of its audit record (audit.get), once predicted. */
  auditSeq: z.number().int().nullable(),
});

export const PREDICTION_JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;

export const predictionJobSchema = z.object({
  id: z.string(),
  /** Its run in the "predictions" experiment (inputs and results as artifacts), once it has one. */
  runId: z.string().nullable(),
  /** The executor's flow run that computes it. */
  flowRunId: z.string().nullable(),
  state: z.enum(PREDICTION_JOB_STATES),
  /** Why a failed job failed (a cancelled or failed flow, a model that would not load). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Who started it. */
  user: z.string(),
  dataset: z.object({ uploadId: z.string().nullable(), name: z.string(), path: z.string() }),
  /** The model that was resolved when the job started; `alias` is the one it was asked by, if any. */
  model: z.object({ name: z.string(), version: z.number().int(), alias: z.string().nullable(), onnxSha256: z.string() }),
  /** Hash of the model's preprocessing spec, which every recording is preprocessed with. */
  specHash: z.string(),
  /** The job's current stage: "validate", "preprocess", "harmonize", "inference", "audit", "done". */
  stage: z.string(),
  recordings: z.array(predictionRecordingSchema),
  counts: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int() }),
});

/** A model a prediction can use: a registered version with an ONNX model, and its run's latest metrics. */
export const predictionModelSchema = z.object({
  name: z.string(),
  version: z.number().int(),
  aliases: z.array(z.string()),
  stage: z.string(),
  isProduction: z.boolean(),
  metrics: z.record(z.string(), z.number()),
  specHash: z.string().nullable(),
  createdAt: z.number(),
});

/** `NAME` (its production alias), `NAME@alias` or `NAME/version`; absent: the production model. */
const modelRef = z.string().min(1).max(300).optional();

/** Epoch milliseconds (inclusive) bounding a job's creation time. */
const timeRange = { from: z.number().optional(), to: z.number().optional() };

export const PREDICTIONS_EXPORT_PATH = '/api/predictions/export.csv';

export type PredictionJob = z.infer<typeof predictionJobSchema>;
export type PredictionRecording = z.infer<typeof predictionRecordingSchema>;
export type PredictionFlag = z.infer<typeof predictionFlagSchema>;
export type PredictionValidation = z.infer<typeof validationSchema>;
export type PredictionModel = z.infer<typeof predictionModelSchema>;

export const predictionProcedures = {
  'predictions.validate': procedure(
    "Checks an upload as a BIDS dataset before predicting: the validator's findings (errors stop a prediction) and the recordings that would be predicted.",
    z.object({ uploadId: z.string().min(1) }),
    validationSchema,
  ),
  'predictions.start': procedure(
    'Starts a prediction on an upload with a model (default: the production one). Refused when validation finds an error or the same dataset is already being predicted with that model.',
    z.object({ uploadId: z.string().min(1), model: modelRef }),
    predictionJobSchema,
  ),
  'predictions.startPath': procedure(
    'Keeps a BIDS folder or zip on this computer as an upload, then starts a prediction on it.',
    z.object({ path: z.string().min(1), model: modelRef }),
    predictionJobSchema,
    { hostPaths: true, overHttp: 'Upload the zip first (POST /api/uploads?fileName=NAME.zip), then call predictions.start with its uploadId.' },
  ),
  'predictions.get': procedure('One prediction job with its recordings (live while it runs).', z.object({ id: z.string().min(1) }), predictionJobSchema),
  'predictions.cancel': procedure('Cancels a queued or running prediction; nothing of it is written to the audit log.', z.object({ id: z.string().min(1) }), predictionJobSchema),
  'predictions.list': procedure(
    'Prediction jobs, newest first; `model` (a name) and `label` (a job with at least one recording of that label) narrow them, `from`/`to` bound the creation time.',
    z.object({ model: z.string().optional(), label: z.string().optional(), ...timeRange, limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }),
    z.object({ jobs: z.array(predictionJobSchema), total: z.number().int() }),
  ),
  'predictions.labelCounts': procedure(
    'How many recordings were predicted with each label, per day (UTC) of the job, for the history chart.',
    z.object({ model: z.string().optional(), ...timeRange }),
    z.object({ days: z.array(z.object({ day: z.string(), counts: z.record(z.string(), z.number().int()) })) }),
  ),
  'predictions.recording': procedure(
    "One recording of a job in detail: its features against the training distribution (the model's features in order), its audit record and its files.",
    z.object({ id: z.string().min(1), index: z.number().int().min(0) }),
    z.object({
      recording: predictionRecordingSchema,
      profile: z.array(z.object({ feature: z.string(), value: z.number(), mean: z.number(), std: z.number(), q05: z.number(), q95: z.number() })),
      auditRecord: auditRecordSchema.nullable(),
      files: z.array(predictionFileSchema),
    }),
  ),
  'predictions.exportCsv': procedure(
    "Writes the results CSV (the bytes of GET /api/predictions/export.csv) to a file on this computer: one job's results with `job`, else the history narrowed like predictions.list. Written whole or not at all.",
    z.object({ path: z.string().min(1), job: z.string().min(1).optional(), model: z.string().optional(), label: z.string().optional(), ...timeRange }),
    z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int() }),
    { hostPaths: true, overHttp: `Download GET ${PREDICTIONS_EXPORT_PATH}?job=ID (or ?model=&label=&from=&to=) instead.` },
  ),
  'predictions.models': procedure(
    'The registered versions a prediction can use (those with an ONNX model), production first, then newest.',
    z.object({}),
    z.object({ models: z.array(predictionModelSchema) }),
  ),
};

export const predictionEvents = {
  'predictions.progress': event('A prediction job changed (state, stage or a recording); the payload is the whole job.', predictionJobSchema),
};
