/**
 * Run search: `RUNS=100000 npx tsx bench/tracking-search.bench.ts` (RUNS defaults to 10,000)
 *
 * RUNS runs × 20 params × 10 metrics in one experiment. Times MLflow-style searches
 * with a filter on one metric and one param plus an order_by on a metric, for a page of
 * 100 and of 1000 runs (runs with their params, metrics and tags, as runs/search answers).
 * Reference in the same run: the plainest possible page, `SELECT * FROM runs ORDER BY
 * start_time DESC LIMIT 100`, with no filter and no run data. Targets at 100,000 runs:
 * filter + order p50 under 50 ms, order only under 20 ms, the 50th page no dearer than
 * the first, the experiments list and key lists under 20 ms. Then the disk per run, and
 * the time migrations 8 and 9 take on this database (taken back to schema 7 first).
 */
import { dbStats } from '../main/db/db-stats';
import { migrate } from '../main/db/migrate';
import { migrations } from '../main/db/migrations';
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
console.log(`  order_by only, page of 100: p50 ${fmt(percentile(unfiltered, 50), 1)} ms (target p50 < 20 ms)`);

// Paging deep: the 50th page must cost no more than the first (keyset, not OFFSET).
for (const [label, pageFilter] of [['filter + order', filter], ['order only', undefined]] as const) {
  let pageToken: string | undefined;
  for (let page = 1; page < 50 && (page === 1 || pageToken); page += 1) {
    pageToken = tracking.searchRuns({ experimentIds: [experimentId], filter: pageFilter, orderBy, maxResults: 100, pageToken }).nextPageToken;
  }
  const first = percentile(await sample(REPEATS, () => tracking.searchRuns({ experimentIds: [experimentId], filter: pageFilter, orderBy, maxResults: 100 })), 50);
  const fiftieth = percentile(await sample(REPEATS, () => tracking.searchRuns({ experimentIds: [experimentId], filter: pageFilter, orderBy, maxResults: 100, pageToken })), 50);
  console.log(`  ${label}, page 50 of 100 runs: p50 ${fmt(fiftieth, 1)} ms against ${fmt(first, 1)} ms for page 1 = ${fmt(fiftieth / first, 2)}×${pageToken ? '' : ' (fewer than 50 pages)'}`);
}

// The Experiments page: the list with run counts, and the column chooser's keys.
const list = await sample(REPEATS, () => {
  tracking.searchExperiments({});
  tracking.experimentActivity();
});
const keys = await sample(REPEATS, () => tracking.experimentKeys(experimentId));
console.log(`  experiments list with run counts: p50 ${fmt(percentile(list, 50), 2)} ms; metric and param keys: p50 ${fmt(percentile(keys, 50), 2)} ms (target < 20 ms)`);

// Disk: bytes per run (record, params, tags, latest metrics with their indexes) against the raw minimum.
tracking.flush();
const disk = dbStats(db);
console.log(
  `  disk: ${fmt(disk.fileBytes / 1024 / 1024, 0)} MB (+ ${fmt(disk.walBytes / 1024 / 1024, 0)} MB WAL); per run ${fmt(disk.runs.bytesPerRun ?? 0, 0)} bytes` +
    ` against a raw minimum of ${fmt(disk.runs.rawBytesPerRun ?? 0, 0)}; per metric point ${fmt(disk.metricPoints.bytesPerPoint ?? 0, 0)} bytes against ${disk.metricPoints.rawBytesPerPoint}`,
);

// The scale migrations (8: search indexes, 9: run counts) on this database, taken back to schema 7 first.
db.exec(`
  DROP TRIGGER runs_counted_on_insert; DROP TRIGGER runs_counted_on_delete; DROP TRIGGER runs_counted_on_lifecycle;
  DROP TABLE experiment_run_counts;
  DROP TABLE experiment_metric_keys; DROP TABLE experiment_param_keys;
  DROP INDEX metric_series_by_experiment_key_value; DROP INDEX params_by_experiment_key_value;
  ALTER TABLE metric_series DROP COLUMN experiment_id; ALTER TABLE params DROP COLUMN experiment_id;
  CREATE INDEX metric_series_by_key ON metric_series (key, value);
  PRAGMA user_version = 7;
`);
const migrationStart = performance.now();
// Only those two: the later steps' tables are still there.
migrate(db, migrations.filter((m) => m.version <= 9));
console.log(`  migrations 8 (search indexes) and 9 (run counts) on ${fmt(RUNS, 0)} runs: ${fmt((performance.now() - migrationStart) / 1000, 1)} s`);
bench.close();
