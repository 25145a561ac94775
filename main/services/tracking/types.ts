/**
 * The tracker's domain types. They follow MLflow's entities field for field (in camelCase)
 * so that the MLflow REST layer and sync are plain renames.
 */

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const LIFECYCLE_STAGES = ['active', 'deleted'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

export interface KeyValue {
  key: string;
  value: string;
}

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValue[];
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

/** One metric point. `value` may be NaN or ±Infinity, as in MLflow. */
export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface Dataset {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string | null;
  profile?: string | null;
}

export interface DatasetInput {
  tags: KeyValue[];
  dataset: Dataset;
}

export interface RunData {
  /** The latest value of each metric. */
  metrics: Metric[];
  params: KeyValue[];
  tags: KeyValue[];
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: { datasetInputs: DatasetInput[] };
}

export interface ArtifactEntry {
  /** Relative to the run's artifact root, with forward slashes. */
  path: string;
  isDir: boolean;
  /** Bytes; absent for directories. */
  fileSize?: number;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextPageToken?: string;
}

/** System tags with a meaning, from MLflow. */
export const SYSTEM_TAGS = {
  parentRunId: 'mlflow.parentRunId',
  runName: 'mlflow.runName',
  user: 'mlflow.user',
  sourceName: 'mlflow.source.name',
  note: 'mlflow.note.content',
} as const;
