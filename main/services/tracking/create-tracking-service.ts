import type { Db } from '../../db/database';
import { ArtifactStore } from './artifact-store';
import { ExperimentStore, parseExperimentId } from './experiment-store';
import { checkTag } from './limits';
import { MetricHistory } from './metric-history';
import { checkBatch, RunLogger } from './run-logger';
import { checkStatus, RunStore, toRunInfo } from './run-store';
import { searchExperiments } from './search/experiment-search';
import { RunSearch } from './search/run-search';
import type { TrackingChange, TrackingService } from './tracking-service';
import { SYSTEM_TAGS } from './types';
import { WriteQueue } from './write-queue';

export interface TrackingDeps {
  db: Db;
  /** `<dataDir>/artifacts`. */
  artifactsDir: string;
  /** Told what changed, at most every `changeIntervalMs` (the core turns it into an event). */
  onChange?: (change: TrackingChange) => void;
  changeIntervalMs?: number;
}

/** Collects changed ids and reports them together, so a busy run does not flood listeners. */
function changeReporter(onChange: TrackingDeps['onChange'], intervalMs: number) {
  const experiments = new Set<string>();
  const runs = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  return (experimentId: string | number | undefined, runId?: string): void => {
    if (!onChange) return;
    if (experimentId !== undefined) experiments.add(String(experimentId));
    if (runId) runs.add(runId);
    timer ??= setTimeout(() => {
      timer = undefined;
      const change = { experimentIds: [...experiments], runIds: [...runs] };
      experiments.clear();
      runs.clear();
      onChange(change);
    }, intervalMs).unref();
  };
}

export function createTrackingService(deps: TrackingDeps): TrackingService {
  const { db } = deps;
  const queue = new WriteQueue(db);
  const experiments = new ExperimentStore(db);
  const runs = new RunStore(db, experiments);
  const logger = new RunLogger(db, runs);
  const history = new MetricHistory(db, runs);
  const search = new RunSearch(db, runs);
  const artifacts = new ArtifactStore(db, runs, queue, deps.artifactsDir);
  artifacts.sweepStaleUploads();
  const changed = changeReporter(deps.onChange, deps.changeIntervalMs ?? 250);

  // A run never changes experiment: remembered, so reporting a change costs no read.
  const experimentOf = new Map<string, number>();
  const experimentOfRun = (runId: string): number | undefined => {
    if (!deps.onChange) return undefined;
    let id = experimentOf.get(runId);
    if (id === undefined) {
      id = runs.row(runId)?.experiment_id;
      if (id === undefined) return undefined;
      if (experimentOf.size >= 10_000) experimentOf.clear();
      experimentOf.set(runId, id);
    }
    return id;
  };
  const writeRun = async <T>(runId: string, apply: () => T): Promise<T> => {
    const result = await queue.write(apply);
    changed(experimentOfRun(runId), runId);
    return result;
  };
  const writeExperiment = async <T>(experimentId: string | number | undefined, apply: () => T): Promise<T> => {
    const result = await queue.write(apply);
    changed(experimentId);
    return result;
  };

  const service: TrackingService = {
    createExperiment: (input) => writeExperiment(undefined, () => experiments.create(input)),
    ensureExperiment: (name) =>
      writeExperiment(undefined, () => {
        const existing = db
          .prepare<[string], { experiment_id: number }>(`SELECT experiment_id FROM experiments WHERE name = ? AND lifecycle_stage = 'active'`)
          .get(name);
        return existing ? String(existing.experiment_id) : experiments.create({ name });
      }),
    getExperiment: (id) => experiments.get(parseExperimentId(id)),
    getExperimentByName: (name) => experiments.getByName(name),
    searchExperiments: (input = {}) => searchExperiments(db, experiments, input),
    renameExperiment: (id, newName) => writeExperiment(id, () => experiments.rename(parseExperimentId(id), newName)),
    deleteExperiment: (id) => writeExperiment(id, () => experiments.setLifecycle(parseExperimentId(id), 'deleted')),
    restoreExperiment: (id) => writeExperiment(id, () => experiments.setLifecycle(parseExperimentId(id), 'active')),
    experimentActivity: () =>
      db
        .prepare<[], { experiment_id: number; run_count: number; last_run_start: number | null }>(
          // Counts are kept by triggers (migration 9); the latest start is one index seek.
          `SELECT e.experiment_id, coalesce(c.active_runs, 0) AS run_count,
                  (SELECT max(r.start_time) FROM runs r WHERE r.experiment_id = e.experiment_id AND r.lifecycle_stage = 'active') AS last_run_start
             FROM experiments e LEFT JOIN experiment_run_counts c ON c.experiment_id = e.experiment_id
            WHERE e.lifecycle_stage = 'active'`,
        )
        .all()
        .map((row) => ({ experimentId: String(row.experiment_id), runCount: row.run_count, lastRunStart: row.last_run_start })),
    experimentKeys(id) {
      const experimentId = experiments.require(parseExperimentId(id)).experiment_id;
      const keys = (table: string): string[] =>
        db.prepare<[number], string>(`SELECT key FROM ${table} WHERE experiment_id = ? ORDER BY key`).pluck().all(experimentId);
      return { metricKeys: keys('experiment_metric_keys'), paramKeys: keys('experiment_param_keys') };
    },
    setExperimentTag: (id, tag) => writeExperiment(id, () => experiments.setTag(parseExperimentId(id), tag)),

    async createRun(input) {
      const tags = [...(input.tags ?? [])];
      if (input.parentRunId) tags.push({ key: SYSTEM_TAGS.parentRunId, value: input.parentRunId });
      const experimentId = parseExperimentId(input.experimentId);
      const row = await writeExperiment(experimentId, () => {
        if (input.parentRunId) runs.require(input.parentRunId);
        return runs.create({ ...input, experimentId, tags });
      });
      return toRunInfo(row);
    },
    updateRun: async (runId, input) => toRunInfo(await writeRun(runId, () => runs.update(runId, input))),
    setTerminated: async (runId, status = 'FINISHED', endTime = Date.now()) =>
      toRunInfo(await writeRun(runId, () => runs.update(runId, { status: checkStatus(status), endTime }))),
    deleteRun: (runId) => writeRun(runId, () => runs.setLifecycle(runId, 'deleted')),
    restoreRun: (runId) => writeRun(runId, () => runs.setLifecycle(runId, 'active')),
    getRun: (runId) => runs.load([runs.require(runId)])[0]!,
    searchRuns: (input) => search.search(input),

    async logBatch(runId, batch) {
      // Checked before queuing: a bad batch fails alone and costs the writer nothing.
      const checked = checkBatch(batch);
      await writeRun(runId, () => logger.logBatch(runId, checked));
    },
    logMetric: (runId, metric) => service.logBatch(runId, { metrics: [metric] }),
    logParam: (runId, param) => service.logBatch(runId, { params: [param] }),
    setTag: (runId, tag) => service.logBatch(runId, { tags: [tag] }),
    deleteTag: (runId, key) => writeRun(runId, () => logger.deleteTag(runId, key)),
    logInputs: (runId, datasets) => writeRun(runId, () => logger.logInputs(runId, datasets)),
    setNote: (runId, note) => service.setTag(runId, checkTag({ key: SYSTEM_TAGS.note, value: note })),

    getMetricHistory: (runId, key, options) => history.history(runId, key, options),
    getChartSeries: (runId, key, maxPoints, axis) => history.downsampled(runId, key, maxPoints, axis),
    getChartSeriesBulk: (runIds, key, maxPoints, axis) => history.bulk(runIds, key, maxPoints, axis),

    async putArtifact(runId, path, source) {
      const stored = await artifacts.put(runId, path, source);
      changed(experimentOfRun(runId), runId);
      return stored;
    },
    listArtifacts: (runId, folder) => artifacts.list(runId, folder),
    openArtifact: (runId, path) => artifacts.open(runId, path),
    async deleteArtifact(runId, path) {
      const removed = await artifacts.delete(runId, path);
      changed(experimentOfRun(runId), runId);
      return removed;
    },

    flush: () => queue.flush(),
  };
  return service;
}
