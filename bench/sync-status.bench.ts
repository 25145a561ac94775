/**
 * Sync status at scale: `RUNS=100000 npx tsx bench/sync-status.bench.ts` (RUNS defaults to 10,000)
 *
 * RUNS runs × 5 params × 3 metrics in one experiment, every run recorded as
 * synced with its current change stamp (the state after a full push), then one run changed.
 * Times what `neuroops sync status` computes (every active run's state against the sync
 * table, counted, with the first failures) and what the runs table asks per page
 * (`sync.itemStatus` for 500 runs).
 * Reference in the same run: a plain count of the active runs. Target: status well under
 * a second at 100,000 runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../main/db/database';
import { createTrackingService } from '../main/services/tracking/create-tracking-service';
import { runStamps, activeRunIds } from '../main/services/sync/local-runs';
import { runOverview, runStatuses } from '../main/services/sync/sync-status';
import { SyncStore } from '../main/services/sync/sync-store';
import { fmt, percentile, runCountFromEnv, sample } from './tracking-bench-support';
import { seedRuns } from '../tests/e2e/support/seed-runs';

const RUNS = runCountFromEnv(10_000);
const REPEATS = 5;

// Seeded as the Experiments scale test seeds its tracker, then opened as the CLI opens it.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-sync-status-'));
const seedStart = performance.now();
await seedRuns(dataDir, { experiment: 'sync-status-bench', runs: RUNS, params: 5, metrics: 3 });
const { db } = openDatabase(path.join(dataDir, 'neuroops.db'));
const tracking = createTrackingService({ db, artifactsDir: path.join(dataDir, 'artifacts') });
console.log(`Seeded ${fmt(RUNS, 0)} runs in ${fmt((performance.now() - seedStart) / 1000)} s`);

// The sync table as a full push leaves it: every run synced with its change stamp.
const store = new SyncStore(db);
const remotePk = store.remotePk('http://remote.example:5000');
const ids = activeRunIds(db);
const stamps = runStamps(db, ids);
const insert = db.prepare("INSERT INTO sync_runs (remote_pk, run_id, remote_run_id, state, pushed_stamp, in_flight, updated_time) VALUES (?, ?, ?, 'synced', ?, 0, 0)");
db.transaction(() => {
  for (const [runId, stamp] of stamps) insert.run(remotePk, runId, runId, stamp);
})();
await tracking.logBatch(ids[0]!, { metrics: [{ key: 'metric_0', value: 1, timestamp: 1, step: 1 }] });
tracking.flush();

const count = db.prepare("SELECT count(*) AS n FROM runs WHERE lifecycle_stage = 'active'");
const reference = percentile(await sample(REPEATS, () => count.get()), 50);
console.log(`  reference, count of the active runs: p50 ${fmt(reference, 2)} ms`);

let counts = { synced: 0, pending: 0, failed: 0 };
const status = await sample(REPEATS, () => {
  counts = runOverview(db, remotePk, 20).counts;
});
const statusP50 = percentile(status, 50);
console.log(
  `  sync status of every run (${fmt(counts.synced, 0)} synced, ${counts.pending} pending): p50 ${fmt(statusP50, 0)} ms, p95 ${fmt(percentile(status, 95), 0)} ms` +
    ` = ${fmt(statusP50 / reference, 0)}× the reference (target well under 1,000 ms)`,
);
const page = ids.slice(-500);
const pageStatus = percentile(await sample(REPEATS * 4, () => runStatuses(db, store, remotePk, page)), 50);
console.log(`  sync.itemStatus for a page of 500 runs: p50 ${fmt(pageStatus, 1)} ms = ${fmt(pageStatus / reference, 1)}× the reference`);
tracking.flush();
closeDatabase(db);
fs.rmSync(dataDir, { recursive: true, force: true });
