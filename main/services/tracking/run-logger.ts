import type Database from 'better-sqlite3';
import type { Db } from '../../db/database';
import { invalid, notFound } from '../../core/app-error';
import { checkBatchSize, checkDatasetInput, checkKey, checkMetric, checkParam, checkTag, checkUniqueParamKeys } from './limits';
import { rollupBlockOf, toStoredValue } from './metric-values';
import type { RunRow, RunStore } from './run-store';
import type { DatasetInput, KeyValue, Metric } from './types';

export interface LogBatchInput {
  metrics?: Metric[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/** Checks a batch before it is queued, so a bad batch never touches the database. */
export function checkBatch(batch: LogBatchInput): Required<LogBatchInput> {
  const metrics = batch.metrics ?? [];
  const params = batch.params ?? [];
  const tags = batch.tags ?? [];
  checkBatchSize({ metrics: metrics.length, params: params.length, tags: tags.length });
  metrics.forEach(checkMetric);
  params.forEach(checkParam);
  tags.forEach(checkTag);
  checkUniqueParamKeys(params);
  return { metrics, params, tags };
}

// MLflow's rule for the latest value: the highest step, then timestamp, then value.
// In an UPDATE every right-hand side sees the old row, so the four columns agree.
const NEWER = '(excluded.step, excluded.timestamp, excluded.value) > (step, timestamp, value)';

interface BlockAggregate {
  count: number;
  min: Metric;
  max: Metric;
}

function isNewer(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

/** Rollups skip NaN and ±Inf: a chart cannot draw them and they would hide every other extreme. */
function aggregateBlocks(points: readonly Metric[]): Map<number, BlockAggregate> {
  const blocks = new Map<number, BlockAggregate>();
  for (const point of points) {
    if (!Number.isFinite(point.value)) continue;
    const block = rollupBlockOf(point.step);
    const agg = blocks.get(block);
    if (!agg) {
      blocks.set(block, { count: 1, min: point, max: point });
      continue;
    }
    agg.count += 1;
    if (point.value < agg.min.value) agg.min = point;
    if (point.value > agg.max.value) agg.max = point;
  }
  return blocks;
}

/** Writes params, tags, metrics and inputs of runs. Every method runs inside the write queue. */
export class RunLogger {
  private readonly statements: Record<string, Database.Statement>;

  constructor(
    private readonly db: Db,
    private readonly runs: RunStore,
  ) {
    this.statements = {
      insertParam: db.prepare('INSERT INTO params (run_pk, key, value, experiment_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      // The column chooser's key lists, kept here so listing them never aggregates the runs.
      noteParamKey: db.prepare('INSERT INTO experiment_param_keys (experiment_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      noteMetricKey: db.prepare('INSERT INTO experiment_metric_keys (experiment_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      getParam: db.prepare('SELECT value FROM params WHERE run_pk = ? AND key = ?'),
      upsertTag: db.prepare('INSERT INTO run_tags (run_pk, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value'),
      upsertSeries: db.prepare(`
        INSERT INTO metric_series (run_pk, key, value, is_nan, timestamp, step, point_count, experiment_id)
        VALUES (@runPk, @key, @value, @isNan, @timestamp, @step, @count, @experimentId)
        ON CONFLICT (run_pk, key) DO UPDATE SET
          point_count = point_count + excluded.point_count,
          value = CASE WHEN ${NEWER} THEN excluded.value ELSE value END,
          is_nan = CASE WHEN ${NEWER} THEN excluded.is_nan ELSE is_nan END,
          timestamp = CASE WHEN ${NEWER} THEN excluded.timestamp ELSE timestamp END,
          step = CASE WHEN ${NEWER} THEN excluded.step ELSE step END
        RETURNING series_id`),
      insertPoint: db.prepare('INSERT INTO metric_points (series_id, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?)'),
      upsertRollup: db.prepare(`
        INSERT INTO metric_rollups (series_id, block, point_count, min_value, min_step, min_timestamp, max_value, max_step, max_timestamp)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO UPDATE SET
          point_count = point_count + excluded.point_count,
          min_step = CASE WHEN excluded.min_value < min_value THEN excluded.min_step ELSE min_step END,
          min_timestamp = CASE WHEN excluded.min_value < min_value THEN excluded.min_timestamp ELSE min_timestamp END,
          min_value = min(min_value, excluded.min_value),
          max_step = CASE WHEN excluded.max_value > max_value THEN excluded.max_step ELSE max_step END,
          max_timestamp = CASE WHEN excluded.max_value > max_value THEN excluded.max_timestamp ELSE max_timestamp END,
          max_value = max(max_value, excluded.max_value)`),
      deleteTag: db.prepare('DELETE FROM run_tags WHERE run_pk = ? AND key = ?'),
      upsertDataset: db.prepare(`
        INSERT INTO datasets (experiment_id, name, digest, source_type, source, schema, profile) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (experiment_id, name, digest) DO UPDATE SET source_type = excluded.source_type
        RETURNING dataset_pk`),
      insertInput: db.prepare('INSERT INTO run_inputs (run_pk, dataset_pk, tags_json) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    };
  }

  /** Applies an already checked batch (see `checkBatch`) to an active run. */
  logBatch(runId: string, batch: Required<LogBatchInput>): void {
    const run = this.runs.requireActive(runId);
    for (const param of batch.params) this.logParam(run, param);
    for (const tag of batch.tags) this.statements.upsertTag!.run(run.run_pk, tag.key, tag.value);
    this.logMetrics(run, batch.metrics);
  }

  private logParam(run: RunRow, param: KeyValue): void {
    const { changes } = this.statements.insertParam!.run(run.run_pk, param.key, param.value, run.experiment_id);
    if (changes > 0) {
      this.statements.noteParamKey!.run(run.experiment_id, param.key);
      return;
    }
    const existing = (this.statements.getParam!.get(run.run_pk, param.key) as { value: string }).value;
    if (existing !== param.value) {
      throw invalid(
        `Changing param values is not allowed. Param "${param.key}" was already logged with value "${existing}" ` +
          `for run ${run.run_id}; attempted new value "${param.value}". Log it under a new key instead.`,
      );
    }
  }

  private logMetrics(run: RunRow, metrics: readonly Metric[]): void {
    const byKey = new Map<string, Metric[]>();
    for (const metric of metrics) {
      const list = byKey.get(metric.key);
      if (list) list.push(metric);
      else byKey.set(metric.key, [metric]);
    }
    for (const [key, points] of byKey) {
      let latest = points[0]!;
      for (const point of points) if (isNewer(point, latest)) latest = point;
      const stored = toStoredValue(latest.value);
      const { series_id: seriesId } = this.statements.upsertSeries!.get({
        runPk: run.run_pk,
        key,
        value: stored.value,
        isNan: stored.isNan,
        timestamp: latest.timestamp,
        step: latest.step,
        count: points.length,
        experimentId: run.experiment_id,
      }) as { series_id: number };
      this.statements.noteMetricKey!.run(run.experiment_id, key);
      for (const point of points) {
        const { value, isNan } = toStoredValue(point.value);
        this.statements.insertPoint!.run(seriesId, point.step, point.timestamp, value, isNan);
      }
      for (const [block, agg] of aggregateBlocks(points)) {
        this.statements.upsertRollup!.run(
          seriesId, block, agg.count,
          agg.min.value, agg.min.step, agg.min.timestamp,
          agg.max.value, agg.max.step, agg.max.timestamp,
        );
      }
    }
  }

  deleteTag(runId: string, key: string): void {
    checkKey('Tag', key);
    const run = this.runs.requireActive(runId);
    const { changes } = this.statements.deleteTag!.run(run.run_pk, key);
    if (changes === 0) throw notFound(`No tag named "${key}" on run ${runId}.`);
  }

  logInputs(runId: string, datasets: readonly DatasetInput[]): void {
    const run = this.runs.requireActive(runId);
    for (const input of datasets) {
      const d = input.dataset;
      for (const field of ['name', 'digest', 'sourceType', 'source'] as const) {
        if (typeof d?.[field] !== 'string' || d[field] === '') throw invalid(`A dataset input needs dataset.${field}.`);
      }
      checkDatasetInput(input);
      const { dataset_pk: datasetPk } = this.statements.upsertDataset!.get(
        run.experiment_id, d.name, d.digest, d.sourceType, d.source, d.schema ?? null, d.profile ?? null,
      ) as { dataset_pk: number };
      this.statements.insertInput!.run(run.run_pk, datasetPk, JSON.stringify(input.tags ?? []));
    }
  }
}
