import { AppError } from '../../core/app-error';
import { fromStoredValue, toJsonDouble } from '../tracking/metric-values';
import { countThrough, metricSeries, pointsAfter, rowidAtCount, type LocalPoint, type LocalSeries } from './local-runs';
import type { PushContext } from './push-context';
import type { MetricMark } from './sync-store';

/** MLflow's log-batch limit on metrics (1000 entities in all; params and tags go in their own batches). */
export const METRICS_PER_BATCH = 1000;
const HISTORY_PAGE = 25_000;

/** How many points of `key` the remote run holds (get-history, paged). */
async function remotePointCount(ctx: PushContext, remoteRunId: string, key: string): Promise<number> {
  let count = 0;
  let pageToken: string | undefined;
  do {
    const page = await ctx.client.call<{ metrics?: unknown[]; next_page_token?: string }>('GET', 'metrics/get-history', {
      query: { run_id: remoteRunId, metric_key: key, max_results: HISTORY_PAGE, page_token: pageToken },
      what: `reading the history of ${key}`,
    });
    count += page.metrics?.length ?? 0;
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return count;
}

/**
 * After an interruption the local watermarks may be behind (a batch landed but its answer
 * was lost): the remote's own point counts say how far each series really got. A series
 * is pushed in the order its points were logged, so a count is a position.
 */
async function reconcile(ctx: PushContext, runId: string, remoteRunId: string, series: readonly LocalSeries[], marks: Map<string, MetricMark>): Promise<void> {
  const changed = new Map<string, MetricMark>();
  for (const s of series) {
    const remote = await remotePointCount(ctx, remoteRunId, s.key);
    if (remote > s.pointCount) {
      throw new AppError('INVALID_STATE', `The remote run ${remoteRunId} has ${remote} points of "${s.key}" but the local run ${runId} has ${s.pointCount}: something else logs to it. Push is stopped for this run so nothing is duplicated.`);
    }
    const mark = { points: remote, lastRowid: rowidAtCount(ctx.db, s.seriesId, remote) };
    marks.set(s.key, mark);
    changed.set(s.key, mark);
  }
  ctx.store.setMarks(ctx.remotePk, runId, changed);
}

/** A watermark whose rowid no longer counts its points (the database was vacuumed) is found again by position. */
function checkedMark(ctx: PushContext, s: LocalSeries, mark: MetricMark | undefined): MetricMark {
  if (!mark || mark.points === 0) return { points: 0, lastRowid: 0 };
  if (countThrough(ctx.db, s.seriesId, mark.lastRowid) === mark.points) return mark;
  return { points: mark.points, lastRowid: rowidAtCount(ctx.db, s.seriesId, mark.points) };
}

function nextBatch(ctx: PushContext, pending: readonly LocalSeries[], marks: Map<string, MetricMark>): LocalPoint[] {
  const batch: LocalPoint[] = [];
  for (const s of pending) {
    if (batch.length >= METRICS_PER_BATCH) break;
    const mark = marks.get(s.key)!;
    if (mark.points >= s.pointCount) continue;
    batch.push(...pointsAfter(ctx.db, s, mark.lastRowid, METRICS_PER_BATCH - batch.length));
  }
  return batch;
}

/**
 * Sends every metric point logged since the last push, in batches of at most 1000, and
 * moves each key's watermark once its batch has landed. A batch whose answer was lost is
 * never resent blindly: the remote's counts are read first.
 */
export async function pushMetrics(ctx: PushContext, runId: string, remoteRunId: string, inFlight: boolean): Promise<void> {
  const series = metricSeries(ctx.db, runId);
  const stored = ctx.store.marks(ctx.remotePk, runId);
  const marks = new Map(series.map((s) => [s.key, checkedMark(ctx, s, stored.get(s.key))]));
  if (inFlight) await reconcile(ctx, runId, remoteRunId, series, marks);
  const pending = series.filter((s) => marks.get(s.key)!.points < s.pointCount);
  if (pending.length === 0) return;
  ctx.store.updateRun(ctx.remotePk, runId, { in_flight: 1 });
  for (let attempt = 0; ; ) {
    const batch = nextBatch(ctx, pending, marks);
    if (batch.length === 0) break;
    try {
      await ctx.client.call('POST', 'runs/log-batch', {
        idempotent: false,
        what: `logging ${batch.length} metric points of run ${runId}`,
        body: { run_id: remoteRunId, metrics: batch.map((p) => ({ key: p.key, value: toJsonDouble(fromStoredValue(p.value, p.isNan ? 1 : 0)), timestamp: p.timestamp, step: p.step })), params: [], tags: [] },
      });
    } catch (error) {
      if (!ctx.client.mayRetry(error, attempt)) throw error;
      await ctx.client.pause(attempt);
      attempt += 1;
      await reconcile(ctx, runId, remoteRunId, pending, marks);
      continue;
    }
    attempt = 0;
    const moved = new Map<string, MetricMark>();
    for (const p of batch) {
      const mark = moved.get(p.key) ?? { ...marks.get(p.key)! };
      mark.points += 1;
      mark.lastRowid = p.rowid;
      moved.set(p.key, mark);
    }
    for (const [key, mark] of moved) marks.set(key, mark);
    ctx.store.setMarks(ctx.remotePk, runId, moved);
    ctx.report.metricPoints += batch.length;
  }
}
