import { toJsonDouble } from '../services/tracking/metric-values';
import type { ArtifactEntry, DatasetInput, Experiment, KeyValue, Metric, Run, RunInfo } from '../services/tracking/types';

/**
 * The tracker's entities in MLflow's JSON (proto field names). Like MLflow's own
 * `message_to_json`, int64 fields are JSON numbers, unset fields are left out, and a
 * non-finite double is the string "NaN", "Infinity" or "-Infinity".
 */
export const experimentJson = (e: Experiment) => ({
  experiment_id: e.experimentId,
  name: e.name,
  artifact_location: e.artifactLocation,
  lifecycle_stage: e.lifecycleStage,
  last_update_time: e.lastUpdateTime,
  creation_time: e.creationTime,
  tags: e.tags,
});

export const runInfoJson = (info: RunInfo) => ({
  run_id: info.runId,
  // Deprecated in MLflow but still sent by its server, and read by old clients.
  run_uuid: info.runId,
  run_name: info.runName,
  experiment_id: info.experimentId,
  user_id: info.userId,
  status: info.status,
  start_time: info.startTime,
  ...(info.endTime === null ? {} : { end_time: info.endTime }),
  artifact_uri: info.artifactUri,
  lifecycle_stage: info.lifecycleStage,
});

export const metricJson = (m: Metric) => ({ key: m.key, value: toJsonDouble(m.value), timestamp: m.timestamp, step: m.step });

const datasetInputJson = (input: DatasetInput) => ({
  tags: input.tags,
  dataset: {
    name: input.dataset.name,
    digest: input.dataset.digest,
    source_type: input.dataset.sourceType,
    source: input.dataset.source,
    ...(input.dataset.schema ? { schema: input.dataset.schema } : {}),
    ...(input.dataset.profile ? { profile: input.dataset.profile } : {}),
  },
});

export const runJson = (run: Run) => ({
  info: runInfoJson(run.info),
  data: {
    metrics: run.data.metrics.map(metricJson),
    params: run.data.params as KeyValue[],
    tags: run.data.tags as KeyValue[],
  },
  inputs: { dataset_inputs: run.inputs.datasetInputs.map(datasetInputJson) },
});

export const fileInfoJson = (entry: ArtifactEntry, path = entry.path) => ({
  path,
  is_dir: entry.isDir,
  ...(entry.fileSize === undefined ? {} : { file_size: entry.fileSize }),
});

/** Adds `next_page_token` only when there is a next page, as MLflow does. */
export function withPageToken<T extends object>(body: T, token: string | undefined): T & { next_page_token?: string } {
  return token ? { ...body, next_page_token: token } : body;
}
