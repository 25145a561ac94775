import type { Db } from '../../db/database';
import { invalid } from '../../core/app-error';
import { lttb, mergeMinMaxBlocks, type MinMaxBlock } from './downsample';
import { LIMITS } from './limits';
import { fromStoredValue } from './metric-values';
import { decodePageToken, encodePageToken } from './page-token';
import type { RunStore } from './run-store';
import type { Metric, Page } from './types';

export interface ChartPoint {
  step: number;
  timestamp: number;
  value: number;
}

export interface DownsampledSeries {
  runId: string;
  key: string;
  /** How many points the full history holds. */
  totalPoints: number;
  /** raw: every point; lttb: Largest-Triangle-Three-Buckets; minmax: min and max per step bucket. */
  method: 'raw' | 'lttb' | 'minmax';
  /** Finite points only, in x order; NaN and ±Inf cannot be drawn. */
  points: ChartPoint[];
}

export type ChartAxis = 'step' | 'time';

// Up to this many points are read row by row (well under 10 ms); above it, step charts
// read the precomputed rollups instead, whose size does not grow with the history.
const RAW_READ_LIMIT = 50_000;
export const MAX_CHART_POINTS = 10_000;
export const MAX_BULK_RUNS = 100;

interface SeriesRow {
  series_id: number;
  point_count: number;
}

/** Reads metric histories: MLflow's paged history, and downsampled series for charts. */
export class MetricHistory {
  constructor(
    private readonly db: Db,
    private readonly runs: RunStore,
  ) {}

  private series(runPk: number, key: string): SeriesRow | undefined {
    return this.db
      .prepare<[number, string], SeriesRow>('SELECT series_id, point_count FROM metric_series WHERE run_pk = ? AND key = ?')
      .get(runPk, key);
  }

  /** MLflow's get-history: every point in step order, paged when `maxResults` is given. */
  history(runId: string, key: string, options: { pageToken?: string; maxResults?: number } = {}): Page<Metric> {
    if (!key) throw invalid('metric_key is required.');
    const run = this.runs.require(runId);
    const series = this.series(run.run_pk, key);
    if (!series) return { items: [] };
    // Without max_results MLflow's server answers the whole history in one page; so do we.
    const { maxResults } = options;
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIMITS.maxHistoryResults)) {
      throw invalid(`max_results must be an integer from 1 to ${LIMITS.maxHistoryResults}; leave it out for the whole history.`);
    }
    const limit = maxResults ?? -1;
    const query = `history:${runId}:${key}`;
    const offset = decodePageToken(options.pageToken, query);
    const rows = this.db
      .prepare<[number, number, number], { step: number; timestamp: number; value: number; is_nan: number }>(
        `SELECT step, timestamp, value, is_nan FROM metric_points WHERE series_id = ?
         ORDER BY step, timestamp, rowid LIMIT ? OFFSET ?`,
      )
      .all(series.series_id, limit === -1 ? -1 : limit + 1, offset);
    const more = limit !== -1 && rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map((r) => ({ key, value: fromStoredValue(r.value, r.is_nan), timestamp: r.timestamp, step: r.step }));
    return more ? { items, nextPageToken: encodePageToken(offset + limit, query) } : { items };
  }

  downsampled(runId: string, key: string, maxPoints: number, axis: ChartAxis = 'step'): DownsampledSeries {
    if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > MAX_CHART_POINTS) {
      throw invalid(`maxPoints must be an integer from 2 to ${MAX_CHART_POINTS}.`);
    }
    const run = this.runs.require(runId);
    const series = this.series(run.run_pk, key);
    const empty: DownsampledSeries = { runId, key, totalPoints: 0, method: 'raw', points: [] };
    if (!series) return empty;
    const base = { runId, key, totalPoints: series.point_count };
    if (axis === 'step' && series.point_count > RAW_READ_LIMIT) {
      const blocks = this.rollupBlocks(series.series_id);
      // Rollups answer when they give at least a quarter of the points asked for. Steps that
      // barely vary (a script that never passes step) give too few blocks; those are read raw.
      if (blocks.length >= maxPoints / 4) {
        const merged = mergeMinMaxBlocks(blocks, maxPoints);
        return { ...base, method: 'minmax', points: merged.map(({ step, timestamp, value }) => ({ step, timestamp, value })) };
      }
    }
    const points = this.finitePoints(series.series_id, axis);
    if (points.length <= maxPoints) return { ...base, method: 'raw', points: points.map(({ step, timestamp, value }) => ({ step, timestamp, value })) };
    return { ...base, method: 'lttb', points: lttb(points, maxPoints).map(({ step, timestamp, value }) => ({ step, timestamp, value })) };
  }

  private rollupBlocks(seriesId: number): Array<MinMaxBlock<ChartPoint & { x: number; y: number }>> {
    const rows = this.db
      .prepare('SELECT min_value, min_step, min_timestamp, max_value, max_step, max_timestamp FROM metric_rollups WHERE series_id = ? ORDER BY block')
      .raw()
      .all(seriesId) as number[][];
    return rows.map(([minValue, minStep, minTs, maxValue, maxStep, maxTs]) => ({
      min: { x: minStep!, y: minValue!, step: minStep!, timestamp: minTs!, value: minValue! },
      max: { x: maxStep!, y: maxValue!, step: maxStep!, timestamp: maxTs!, value: maxValue! },
    }));
  }

  private finitePoints(seriesId: number, axis: ChartAxis): Array<ChartPoint & { x: number; y: number }> {
    const order = axis === 'step' ? 'step, timestamp' : 'timestamp, step';
    const rows = this.db
      .prepare(`SELECT step, timestamp, value FROM metric_points WHERE series_id = ? AND is_nan = 0 ORDER BY ${order}, rowid`)
      .raw()
      .all(seriesId) as number[][];
    const points: Array<ChartPoint & { x: number; y: number }> = [];
    for (const [step, timestamp, value] of rows) {
      if (!Number.isFinite(value)) continue;
      points.push({ step: step!, timestamp: timestamp!, value: value!, x: axis === 'step' ? step! : timestamp!, y: value! });
    }
    return points;
  }

  bulk(runIds: readonly string[], key: string, maxPoints: number, axis: ChartAxis = 'step'): DownsampledSeries[] {
    if (runIds.length === 0 || runIds.length > MAX_BULK_RUNS) {
      throw invalid(`Ask for the history of 1 to ${MAX_BULK_RUNS} runs at a time; this request names ${runIds.length}.`);
    }
    return runIds.map((runId) => this.downsampled(runId, key, maxPoints, axis));
  }
}
