import { z } from 'zod';
import { event, procedure } from './define';

/**
 * The run tracker over the app API (renderer, CLI, scripts). Field names are camelCase;
 * the same data in MLflow's own shapes is served under /api/2.0/mlflow/.
 */

const keyValue = z.object({ key: z.string(), value: z.string() });
const viewType = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);
const runStatus = z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
const lifecycleStage = z.enum(['active', 'deleted']);
/** JSON has no NaN or Infinity: those travel as strings, as in MLflow's JSON. */
const metricValue = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);
const experimentId = z.string().regex(/^\d+$/, 'an experiment id is a string of digits');
const runId = z.string().min(1);

export const experimentSchema = z.object({
  experimentId: z.string(),
  name: z.string(),
  artifactLocation: z.string(),
  lifecycleStage,
  creationTime: z.number(),
  lastUpdateTime: z.number(),
  tags: z.array(keyValue),
});

export const runInfoSchema = z.object({
  runId: z.string(),
  runName: z.string(),
  experimentId: z.string(),
  userId: z.string(),
  status: runStatus,
  startTime: z.number(),
  endTime: z.number().nullable(),
  artifactUri: z.string(),
  lifecycleStage,
});

export const metricSchema = z.object({ key: z.string(), value: metricValue, timestamp: z.number(), step: z.number() });

export const runSchema = z.object({
  info: runInfoSchema,
  data: z.object({ metrics: z.array(metricSchema), params: z.array(keyValue), tags: z.array(keyValue) }),
  inputs: z.object({
    datasetInputs: z.array(
      z.object({
        tags: z.array(keyValue),
        dataset: z.object({
          name: z.string(),
          digest: z.string(),
          sourceType: z.string(),
          source: z.string(),
          schema: z.string().nullish(),
          profile: z.string().nullish(),
        }),
      }),
    ),
  }),
});

const chartPoint = z.object({ step: z.number(), timestamp: z.number(), value: z.number() });
export const chartSeriesSchema = z.object({
  runId: z.string(),
  key: z.string(),
  totalPoints: z.number().int(),
  method: z.enum(['raw', 'lttb', 'minmax']),
  points: z.array(chartPoint),
});

const chartRequest = {
  key: z.string().min(1),
  maxPoints: z.number().int().min(2).max(10_000).default(1000),
  axis: z.enum(['step', 'time']).default('step'),
};

export const artifactEntrySchema = z.object({ path: z.string(), isDir: z.boolean(), fileSize: z.number().optional() });

const ok = z.object({});

export const trackingProcedures = {
  'tracking.searchExperiments': procedure(
    'Experiments, filtered with the search grammar (name, times, tags) and paged.',
    z.object({
      filter: z.string().optional(),
      viewType: viewType.default('ACTIVE_ONLY'),
      orderBy: z.array(z.string()).optional(),
      maxResults: z.number().int().min(1).max(50_000).optional(),
      pageToken: z.string().optional(),
    }),
    z.object({ experiments: z.array(experimentSchema), nextPageToken: z.string().optional() }),
  ),
  'tracking.experimentActivity': procedure(
    'For each active experiment: how many active runs it has and when its latest run started (null: no run yet).',
    z.object({}),
    z.object({ experiments: z.array(z.object({ experimentId: z.string(), runCount: z.number().int(), lastRunStart: z.number().nullable() })) }),
  ),
  'tracking.experimentKeys': procedure(
    'The metric and param keys logged in an experiment, sorted (the run table\'s column chooser).',
    z.object({ experimentId }),
    z.object({ metricKeys: z.array(z.string()), paramKeys: z.array(z.string()) }),
  ),
  'tracking.getExperiment': procedure('One experiment by id.', z.object({ experimentId }), experimentSchema),
  'tracking.createExperiment': procedure(
    'Creates an experiment; its name must be free among active experiments.',
    z.object({ name: z.string().min(1), tags: z.array(keyValue).optional() }),
    z.object({ experimentId: z.string() }),
  ),
  'tracking.renameExperiment': procedure('Renames an experiment.', z.object({ experimentId, newName: z.string().min(1) }), ok),
  'tracking.deleteExperiment': procedure('Soft-deletes an experiment and its runs; its name becomes free.', z.object({ experimentId }), ok),
  'tracking.restoreExperiment': procedure('Restores a deleted experiment and its runs.', z.object({ experimentId }), ok),
  'tracking.searchRuns': procedure(
    'Runs of some experiments, with the MLflow filter grammar, order_by and paging. Metrics are latest values.',
    z.object({
      experimentIds: z.array(experimentId).min(1),
      filter: z.string().optional(),
      orderBy: z.array(z.string()).optional(),
      viewType: viewType.default('ACTIVE_ONLY'),
      maxResults: z.number().int().min(1).max(50_000).default(1000),
      pageToken: z.string().optional(),
    }),
    z.object({ runs: z.array(runSchema), nextPageToken: z.string().optional() }),
  ),
  'tracking.getRun': procedure('One run with its params, latest metrics, tags and inputs.', z.object({ runId }), runSchema),
  'tracking.getMetricHistory': procedure(
    "One metric's history for a chart, downsampled on the server to at most maxPoints points.",
    z.object({ runId, ...chartRequest }),
    chartSeriesSchema,
  ),
  'tracking.getMetricHistoryBulk': procedure(
    'One metric for 1 to 100 runs (compare view), each downsampled to at most maxPoints points.',
    z.object({ runIds: z.array(runId).min(1).max(100), ...chartRequest }),
    z.object({ series: z.array(chartSeriesSchema) }),
  ),
  'tracking.listArtifacts': procedure(
    "The files and folders directly inside a folder of a run's artifacts ('' is the root).",
    z.object({ runId, path: z.string().default('') }),
    z.object({ rootUri: z.string(), entries: z.array(artifactEntrySchema) }),
  ),
  'tracking.readArtifact': procedure(
    'The start of an artifact for preview or download: text as UTF-8, anything else as base64.',
    z.object({ runId, path: z.string().min(1), maxBytes: z.number().int().min(1).max(16 * 1024 * 1024).default(1024 * 1024) }),
    z.object({
      path: z.string(),
      size: z.number(),
      contentType: z.string(),
      encoding: z.enum(['utf8', 'base64']),
      content: z.string(),
      truncated: z.boolean(),
      /** The same file over HTTP (MLflow's artifact proxy), for downloads of any size. */
      downloadPath: z.string(),
    }),
  ),
  'tracking.deleteRun': procedure('Soft-deletes a run.', z.object({ runId }), ok),
  'tracking.restoreRun': procedure('Restores a deleted run.', z.object({ runId }), ok),
  'tracking.renameRun': procedure('Renames a run.', z.object({ runId, name: z.string().min(1) }), ok),
  'tracking.setNote': procedure("Sets a run's note (MLflow's mlflow.note.content tag).", z.object({ runId, note: z.string().max(5000) }), ok),
};

export const trackingEvents = {
  'tracking.changed': event(
    'Experiments or runs changed (created, logged to, ended, deleted). Coalesced: a few per second at most.',
    z.object({ experimentIds: z.array(z.string()), runIds: z.array(z.string()) }),
  ),
};
