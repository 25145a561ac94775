import type { ArtifactSource, OpenedArtifact, StoredArtifact } from './artifact-store';
import type { ChartAxis, DownsampledSeries } from './metric-history';
import type { CreateRunInput, UpdateRunInput } from './run-store';
import type { LogBatchInput } from './run-logger';
import type { SearchExperimentsInput } from './search/experiment-search';
import type { SearchRunsInput } from './search/run-search';
import type { ArtifactEntry, DatasetInput, Experiment, KeyValue, Metric, Page, Run, RunInfo, RunStatus } from './types';

export type { ArtifactSource, OpenedArtifact, StoredArtifact, ChartAxis, DownsampledSeries, CreateRunInput, UpdateRunInput, LogBatchInput, SearchExperimentsInput, SearchRunsInput };

/** What changed, for whoever shows runs (the UI refreshes on it). Coalesced: at most a few per second. */
export interface TrackingChange {
  experimentIds: string[];
  runIds: string[];
}

/**
 * The run tracker, for every in-process caller: the MLflow REST layer, the app API, the
 * pipeline executor (runs, nested runs, batches from worker messages) and the registry.
 *
 * Reads answer at once from the database. Writes return a promise that resolves once the
 * write has committed; they are applied by one writer in batched transactions, so any
 * number of callers may write at the same time. Errors are AppErrors with MLflow's codes:
 * RESOURCE_DOES_NOT_EXIST for unknown ids, INVALID_PARAMETER_VALUE for bad input.
 */
export interface TrackingService {
  // Experiments.
  createExperiment(input: { name: string; artifactLocation?: string; tags?: KeyValue[] }): Promise<string>;
  /** The id of the active experiment with this name, created if there is none. */
  ensureExperiment(name: string): Promise<string>;
  getExperiment(experimentId: string): Experiment;
  getExperimentByName(name: string): Experiment;
  searchExperiments(input?: SearchExperimentsInput): Page<Experiment>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  deleteExperiment(experimentId: string): Promise<void>;
  restoreExperiment(experimentId: string): Promise<void>;
  setExperimentTag(experimentId: string, tag: KeyValue): Promise<void>;
  /** Per active experiment, its number of active runs and the start of its latest one (null: none). */
  experimentActivity(): Array<{ experimentId: string; runCount: number; lastRunStart: number | null }>;
  /** The metric and param keys ever logged in an experiment, sorted; kept on log, so cheap at any size. */
  experimentKeys(experimentId: string): { metricKeys: string[]; paramKeys: string[] };

  // Runs. A nested run names its parent with `parentRunId` (stored as the mlflow.parentRunId tag).
  createRun(input: CreateRunInput & { parentRunId?: string }): Promise<RunInfo>;
  updateRun(runId: string, input: UpdateRunInput): Promise<RunInfo>;
  /** Ends a run: FINISHED unless told otherwise, end time now unless given. */
  setTerminated(runId: string, status?: RunStatus, endTime?: number): Promise<RunInfo>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  getRun(runId: string): Run;
  searchRuns(input: SearchRunsInput): Page<Run>;

  // Logging. log* of one value are logBatch of one.
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  logMetric(runId: string, metric: Metric): Promise<void>;
  logParam(runId: string, param: KeyValue): Promise<void>;
  setTag(runId: string, tag: KeyValue): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  logInputs(runId: string, datasets: DatasetInput[]): Promise<void>;
  /** The run's description, kept in the mlflow.note.content tag. */
  setNote(runId: string, note: string): Promise<void>;

  // Metric histories.
  getMetricHistory(runId: string, key: string, options?: { pageToken?: string; maxResults?: number }): Page<Metric>;
  /** At most `maxPoints` points for a chart, downsampled on the server. */
  getChartSeries(runId: string, key: string, maxPoints: number, axis?: ChartAxis): DownsampledSeries;
  /** One metric for up to 100 runs, each downsampled. */
  getChartSeriesBulk(runIds: string[], key: string, maxPoints: number, axis?: ChartAxis): DownsampledSeries[];

  // Artifacts: paths are relative to the run's artifact root; `..` and absolute paths are refused.
  putArtifact(runId: string, path: string, source: ArtifactSource): Promise<StoredArtifact>;
  listArtifacts(runId: string, folder?: string): ArtifactEntry[];
  openArtifact(runId: string, path: string): OpenedArtifact;
  deleteArtifact(runId: string, path: string): Promise<number>;

  /** Commits every queued write now (before closing the database). */
  flush(): void;
}
