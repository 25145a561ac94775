/**
 * Chart downsampling: `npx tsx bench/tracking-charts.bench.ts`
 *
 * One metric with 1,000,000 steps, asked for as 1,000 points the way a chart asks
 * (tracking.getMetricHistory / getChartSeries). References in the same run:
 *  - reading the 1,000,000 raw points with one prepared statement (.raw().all()),
 *    the least any approach that reads the history must pay;
 *  - LTTB over those points once they are in memory.
 * Target: the downsampled series in under 50 ms.
 */
import { lttb } from '../main/services/tracking/downsample';
import { fmt, openBenchTracker, percentile, sample } from './tracking-bench-support';

const STEPS = 1_000_000;
const POINTS = 1000;
const REPEATS = 20;

const bench = openBenchTracker();
const { tracking, db } = bench;
const { runId } = await tracking.createRun({ experimentId: '0' });
const seedStart = performance.now();
for (let start = 0; start < STEPS; start += 1000) {
  const metrics = [];
  for (let step = start; step < start + 1000; step += 1) {
    metrics.push({ key: 'loss', value: Math.exp(-step / 200_000) + Math.sin(step / 500) / 20 + Math.random() / 50, timestamp: 1_700_000_000_000 + step, step });
  }
  void tracking.logBatch(runId, { metrics });
  if (start % 50_000 === 0) await new Promise((resolve) => setImmediate(resolve));
}
tracking.flush();
console.log(`Seeded 1 metric × ${fmt(STEPS, 0)} steps in ${fmt((performance.now() - seedStart) / 1000)} s`);

const seriesId = db.prepare("SELECT series_id FROM metric_series WHERE key = 'loss'").pluck().get() as number;
const readAll = db.prepare('SELECT step, value FROM metric_points WHERE series_id = ? ORDER BY step').raw();
let points: Array<{ x: number; y: number }> = [];
const rawRead = percentile(await sample(5, () => {
  points = (readAll.all(seriesId) as number[][]).map(([x, y]) => ({ x: x!, y: y! }));
}), 50);
const lttbOnly = percentile(await sample(5, () => lttb(points, POINTS)), 50);

let method = '';
let count = 0;
const samples = await sample(REPEATS, () => {
  const series = tracking.getChartSeries(runId, 'loss', POINTS);
  method = series.method;
  count = series.points.length;
});
const p50 = percentile(samples, 50);
console.log(`Metric history of ${fmt(STEPS, 0)} steps downsampled to at most ${POINTS} points`);
console.log(`  reference, read every raw point (one prepared SELECT): p50 ${fmt(rawRead, 1)} ms`);
console.log(`  reference, LTTB over the points already in memory    : p50 ${fmt(lttbOnly, 1)} ms`);
console.log(`  getChartSeries (${method}, ${count} points)            : p50 ${fmt(p50, 2)} ms, p95 ${fmt(percentile(samples, 95), 2)} ms` +
  ` = ${fmt(rawRead / p50, 0)}× faster than the raw read (target < 50 ms)`);
bench.close();
