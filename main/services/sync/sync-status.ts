import type { Db } from '../../db/database';
import type { RegistryService } from '../registry/registry-service';
import { runFingerprints } from './local-runs';
import { modelFingerprint } from './push-model';
import type { ItemState, SyncStore } from './sync-store';

export interface ItemStatus {
  state: ItemState;
  code: string | null;
  reason: string | null;
}

const PENDING: ItemStatus = { state: 'pending', code: null, reason: null };

/**
 * Synced, pending or failed for each run: synced only while nothing changed since the
 * push (same fingerprint); a failed item keeps its reason until a push succeeds.
 */
export function runStatuses(db: Db, store: SyncStore, remotePk: number | null, runIds: readonly string[]): Map<string, ItemStatus> {
  const out = new Map<string, ItemStatus>();
  const fingerprints = remotePk === null ? new Map<string, string>() : runFingerprints(db, runIds);
  // A page of runs looks its rows up one by one; the whole tracker reads them in one go.
  const picked = remotePk === null ? [] : runIds.length <= 1000 ? runIds.flatMap((id) => store.run(remotePk, id) ?? []) : store.runs(remotePk);
  const rows = new Map(picked.map((r) => [r.run_id, r]));
  for (const runId of runIds) {
    const row = rows.get(runId);
    if (!row) out.set(runId, PENDING);
    else if (row.state === 'failed') out.set(runId, { state: 'failed', code: row.error_code, reason: row.error_message });
    else out.set(runId, row.state === 'synced' && row.fingerprint === fingerprints.get(runId) ? { state: 'synced', code: null, reason: null } : PENDING);
  }
  return out;
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
