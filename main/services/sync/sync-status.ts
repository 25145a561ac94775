import type { Db } from '../../db/database';
import type { RegistryService } from '../registry/registry-service';
import { runStamps } from './local-runs';
import { modelFingerprint } from './push-model';
import type { ItemState, RunSyncRow, SyncStore } from './sync-store';

export interface ItemStatus {
  state: ItemState;
  code: string | null;
  reason: string | null;
}

const PENDING: ItemStatus = { state: 'pending', code: null, reason: null };

/**
 * Synced, pending or failed for each run: synced only while nothing changed since the
 * push (its change stamp is still the one the push recorded); a failed item keeps its
 * reason until a push succeeds.
 */
export function runStatuses(db: Db, store: SyncStore, remotePk: number | null, runIds: readonly string[]): Map<string, ItemStatus> {
  const out = new Map<string, ItemStatus>();
  const stamps = remotePk === null ? new Map<string, number>() : runStamps(db, runIds);
  // A page of runs looks its rows up one by one; a longer list reads them in one go.
  const picked = remotePk === null ? [] : runIds.length <= 1000 ? runIds.flatMap((id) => store.run(remotePk, id) ?? []) : store.runs(remotePk);
  const rows = new Map(picked.map((r) => [r.run_id, r]));
  for (const runId of runIds) out.set(runId, runState(rows.get(runId), stamps.get(runId)));
  return out;
}

function runState(row: Pick<RunSyncRow, 'state' | 'error_code' | 'error_message' | 'pushed_stamp'> | undefined, stamp: number | undefined): ItemStatus {
  if (!row) return PENDING;
  if (row.state === 'failed') return { state: 'failed', code: row.error_code, reason: row.error_message };
  return row.state === 'synced' && row.pushed_stamp !== null && row.pushed_stamp === stamp ? { state: 'synced', code: null, reason: null } : PENDING;
}

export interface RunOverview {
  counts: { synced: number; pending: number; failed: number };
  /** The first failed runs, oldest first, with MLflow's reason. */
  failures: Array<{ runId: string; code: string | null; reason: string | null }>;
}

/**
 * What `neuroops sync status` says of the runs: every active run's state counted in one
 * query (two integers compared per run), and the first `maxFailures` failed runs.
 */
export function runOverview(db: Db, remotePk: number | null, maxFailures: number): RunOverview {
  const total = db.prepare<[], { n: number }>("SELECT sum(active_runs) AS n FROM experiment_run_counts c JOIN experiments e USING (experiment_id) WHERE e.lifecycle_stage = 'active'");
  const counts = { synced: 0, pending: total.get()?.n ?? 0, failed: 0 };
  if (remotePk === null) return { counts, failures: [] };
  // Active runs read from runs_by_experiment alone (it holds run_id and run_pk), then one
  // key lookup each in the sync rows and the stamps: twice as fast as starting from the
  // sync rows, which needs every run's table row.
  const tallied = db
    .prepare<[number], { failed: number | null; synced: number | null }>(
      `SELECT sum(s.state = 'failed') AS failed, sum(s.state = 'synced' AND s.pushed_stamp = ifnull(c.stamp, 0)) AS synced
       FROM experiments e CROSS JOIN runs r ON r.experiment_id = e.experiment_id AND r.lifecycle_stage = 'active'
       CROSS JOIN sync_runs s ON s.remote_pk = ? AND s.run_id = r.run_id
       LEFT JOIN run_change_stamps c ON c.run_pk = r.run_pk
       WHERE e.lifecycle_stage = 'active'`,
    )
    .get(remotePk);
  counts.failed = tallied?.failed ?? 0;
  counts.synced = tallied?.synced ?? 0;
  counts.pending -= counts.failed + counts.synced;
  const failures =
    counts.failed === 0
      ? []
      : db
          .prepare<[number, number], { runId: string; code: string | null; reason: string | null }>(
            `SELECT r.run_id AS runId, s.error_code AS code, s.error_message AS reason
             FROM sync_runs s JOIN runs r ON r.run_id = s.run_id JOIN experiments e ON e.experiment_id = r.experiment_id
             WHERE s.remote_pk = ? AND s.state = 'failed' AND r.lifecycle_stage = 'active' AND e.lifecycle_stage = 'active'
             ORDER BY r.start_time, r.run_pk LIMIT ?`,
          )
          .all(remotePk, maxFailures);
  return { counts, failures };
}

export function modelStatuses(registry: RegistryService, store: SyncStore, remotePk: number | null, names: readonly string[]): Map<string, ItemStatus> {
  const out = new Map<string, ItemStatus>();
  for (const name of names) {
    const row = remotePk === null ? undefined : store.model(remotePk, name);
    if (!row) out.set(name, PENDING);
    else if (row.state === 'failed') out.set(name, { state: 'failed', code: row.error_code, reason: row.error_message });
    else out.set(name, row.state === 'synced' && row.fingerprint === modelFingerprint({ registry }, name) ? { state: 'synced', code: null, reason: null } : PENDING);
  }
  return out;
}

export function countStates(statuses: Iterable<ItemStatus>): { synced: number; pending: number; failed: number } {
  const counts = { synced: 0, pending: 0, failed: 0 };
  for (const s of statuses) counts[s.state] += 1;
  return counts;
}
