/**
 * Run search: `RUNS=100000 npx tsx bench/tracking-search.bench.ts` (RUNS defaults to 10,000)
 *
 * RUNS runs × 20 params × 10 metrics in one experiment. Times MLflow-style searches
 * with a filter on one metric and one param plus an order_by on a metric, for a page of
 * 100 and of 1000 runs (runs with their params, metrics and tags, as runs/search answers).
 * Reference in the same run: the plainest possible page, `SELECT * FROM runs ORDER BY
 * start_time DESC LIMIT 100`, with no filter and no run data. Target: p50 under 50 ms.
 */
import { fmt, openBenchTracker, percentile, runCountFromEnv, sample } from './tracking-bench-support';

const RUNS = runCountFromEnv(10_000);
const PARAMS = 20;
const METRICS = 10;
const REPEATS = 30;

const bench = openBenchTracker();
const { tracking, db } = bench;
const experimentId = await tracking.createExperiment({ name: 'search-bench' });

const seedStart = performance.now();
const pending: Promise<void>[] = [];
for (let r = 0; r < RUNS; r += 1) {
  pending.push(
    (async () => {
      const { runId } = await tracking.createRun({ experimentId, runName: `run-${r}`, startTime: 1_700_000_000_000 + r * 1000 });
      await tracking.logBatch(runId, {
        params: Array.from({ length: PARAMS }, (_, p) => ({ key: `param_${p}`, value: `v${(r * (p + 1)) % 7}` })),
        metrics: Array.from({ length: METRICS }, (_, m) => ({ key: `metric_${m}`, value: Math.random(), timestamp: 0, step: 0 })),
      });
    })(),
  );
  // Let the writer commit in chunks rather than hold every write in memory at once.
  if (pending.length === 500) await Promise.all(pending.splice(0));
}
await Promise.all(pending);
console.log(`Seeded ${fmt(RUNS, 0)} runs × ${PARAMS} params × ${METRICS} metrics in ${fmt((performance.now() - seedStart) / 1000)} s`);

const reference = db.prepare('SELECT * FROM runs WHERE experiment_id = ? ORDER BY start_time DESC LIMIT 100');
const referenceP50 = percentile(await sample(REPEATS, () => reference.all(Number(experimentId))), 50);

const filter = "metrics.metric_0 > 0.5 AND params.param_3 = 'v2'";
const orderBy = ['metrics.metric_1 DESC'];
console.log(`Filter: ${filter}; order_by: ${orderBy.join(', ')}`);
console.log(`  reference, plain SELECT of 100 runs (no filter, no data): p50 ${fmt(referenceP50, 2)} ms`);
for (const maxResults of [100, 1000]) {
  let matched = 0;
  const samples = await sample(REPEATS, () => {
    matched = tracking.searchRuns({ experimentIds: [experimentId], filter, orderBy, maxResults }).items.length;
  });
  const p50 = percentile(samples, 50);
  console.log(
    `  search, page of ${String(maxResults).padEnd(4)} (${matched} runs returned): p50 ${fmt(p50, 1)} ms, p95 ${fmt(percentile(samples, 95), 1)} ms` +
      ` = ${fmt(p50 / referenceP50, 0)}× the reference (target p50 < 50 ms)`,
  );
}
const unfiltered = await sample(REPEATS, () => tracking.searchRuns({ experimentIds: [experimentId], maxResults: 100, orderBy }));
console.log(`  order_by only, page of 100: p50 ${fmt(percentile(unfiltered, 50), 1)} ms`);
bench.close();
