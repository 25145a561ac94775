import type { Db } from '../../db/database';

export type ItemState = 'pending' | 'synced' | 'failed';

export interface RunSyncRow {
  run_id: string;
  remote_run_id: string | null;
  state: ItemState;
  error_code: string | null;
  error_message: string | null;
  fingerprint: string | null;
  params_hash: string | null;
  tags_hash: string | null;
  info_hash: string | null;
  in_flight: number;
  /** The run's change stamp read before its last successful push (migration 14). */
  pushed_stamp: number | null;
}

export interface ModelSyncRow {
  name: string;
  state: ItemState;
  error_code: string | null;
  error_message: string | null;
  fingerprint: string | null;
}

export interface MetricMark {
  points: number;
  lastRowid: number;
}

/** The sync-state tables (migration 10): plain reads and small writes, each its own transaction. */
export class SyncStore {
  constructor(readonly db: Db) {}

  remotePk(uri: string): number {
    this.db.prepare('INSERT INTO sync_remotes (uri, created_time) VALUES (?, ?) ON CONFLICT (uri) DO NOTHING').run(uri, Date.now());
    return this.db.prepare<[string], { remote_pk: number }>('SELECT remote_pk FROM sync_remotes WHERE uri = ?').get(uri)!.remote_pk;
  }

  /** The remote's key, without creating one: status of a remote never pushed to is "pending" everywhere. */
  findRemotePk(uri: string): number | null {
    return this.db.prepare<[string], { remote_pk: number }>('SELECT remote_pk FROM sync_remotes WHERE uri = ?').get(uri)?.remote_pk ?? null;
  }

  remotes(): Array<{ uri: string; last_push_time: number | null; last_error: string | null }> {
    return this.db.prepare<[], { uri: string; last_push_time: number | null; last_error: string | null }>('SELECT uri, last_push_time, last_error FROM sync_remotes ORDER BY last_push_time DESC NULLS LAST, remote_pk DESC').all();
  }

  finishPush(remotePk: number, error: string | null): void {
    this.db.prepare('UPDATE sync_remotes SET last_push_time = ?, last_error = ? WHERE remote_pk = ?').run(Date.now(), error, remotePk);
  }

  remoteExperiment(remotePk: number, experimentId: string): string | null {
    return (
      this.db
        .prepare<[number, string], { remote_experiment_id: string }>('SELECT remote_experiment_id FROM sync_experiments WHERE remote_pk = ? AND experiment_id = ?')
        .get(remotePk, experimentId)?.remote_experiment_id ?? null
    );
  }

  setRemoteExperiment(remotePk: number, experimentId: string, remoteId: string): void {
    this.db
      .prepare('INSERT INTO sync_experiments (remote_pk, experiment_id, remote_experiment_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET remote_experiment_id = excluded.remote_experiment_id')
      .run(remotePk, experimentId, remoteId);
  }

  run(remotePk: number, runId: string): RunSyncRow | undefined {
    return this.db.prepare<[number, string], RunSyncRow>('SELECT * FROM sync_runs WHERE remote_pk = ? AND run_id = ?').get(remotePk, runId);
  }

  runs(remotePk: number): RunSyncRow[] {
    return this.db.prepare<[number], RunSyncRow>('SELECT * FROM sync_runs WHERE remote_pk = ?').all(remotePk);
  }

  updateRun(remotePk: number, runId: string, change: Partial<Omit<RunSyncRow, 'run_id'>>): void {
    const current = this.run(remotePk, runId);
    const next = {
      remote_run_id: null,
      state: 'pending' as ItemState,
      error_code: null,
      error_message: null,
      fingerprint: null,
      params_hash: null,
      tags_hash: null,
      info_hash: null,
      in_flight: 0,
      pushed_stamp: null,
      ...current,
      ...change,
    };
    this.db
      .prepare(
        `INSERT INTO sync_runs (remote_pk, run_id, remote_run_id, state, error_code, error_message, fingerprint, params_hash, tags_hash, info_hash, in_flight, pushed_stamp, updated_time)
         VALUES (@remote_pk, @run_id, @remote_run_id, @state, @error_code, @error_message, @fingerprint, @params_hash, @tags_hash, @info_hash, @in_flight, @pushed_stamp, @updated_time)
         ON CONFLICT (remote_pk, run_id) DO UPDATE SET remote_run_id = excluded.remote_run_id, state = excluded.state, error_code = excluded.error_code,
           error_message = excluded.error_message, fingerprint = excluded.fingerprint, params_hash = excluded.params_hash, tags_hash = excluded.tags_hash,
           info_hash = excluded.info_hash, in_flight = excluded.in_flight, pushed_stamp = excluded.pushed_stamp, updated_time = excluded.updated_time`,
      )
      .run({ ...next, remote_pk: remotePk, run_id: runId, updated_time: Date.now() });
  }

  marks(remotePk: number, runId: string): Map<string, MetricMark> {
    const rows = this.db
      .prepare<[number, string], { key: string; points: number; last_rowid: number }>('SELECT key, points, last_rowid FROM sync_metric_marks WHERE remote_pk = ? AND run_id = ?')
      .all(remotePk, runId);
    return new Map(rows.map((r) => [r.key, { points: r.points, lastRowid: r.last_rowid }]));
  }

  /** Moves the watermarks of the keys a batch carried, all at once: the batch landed whole. */
  setMarks(remotePk: number, runId: string, marks: Map<string, MetricMark>): void {
    const upsert = this.db.prepare(
      `INSERT INTO sync_metric_marks (remote_pk, run_id, key, points, last_rowid) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET points = excluded.points, last_rowid = excluded.last_rowid`,
    );
    this.db.transaction(() => {
      for (const [key, mark] of marks) upsert.run(remotePk, runId, key, mark.points, mark.lastRowid);
    })();
  }

  pushedArtifacts(remotePk: number, runId: string): Map<string, string> {
    const rows = this.db
      .prepare<[number, string], { path: string; sha256: string }>('SELECT path, sha256 FROM sync_artifacts WHERE remote_pk = ? AND run_id = ?')
      .all(remotePk, runId);
    return new Map(rows.map((r) => [r.path, r.sha256]));
  }

  recordArtifact(remotePk: number, runId: string, path: string, sha256: string): void {
    this.db
      .prepare('INSERT INTO sync_artifacts (remote_pk, run_id, path, sha256) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET sha256 = excluded.sha256')
      .run(remotePk, runId, path, sha256);
  }

  model(remotePk: number, name: string): ModelSyncRow | undefined {
    return this.db.prepare<[number, string], ModelSyncRow>('SELECT name, state, error_code, error_message, fingerprint FROM sync_models WHERE remote_pk = ? AND name = ?').get(remotePk, name);
  }

  models(remotePk: number): ModelSyncRow[] {
    return this.db.prepare<[number], ModelSyncRow>('SELECT name, state, error_code, error_message, fingerprint FROM sync_models WHERE remote_pk = ?').all(remotePk);
  }

  setModel(remotePk: number, name: string, state: ItemState, fingerprint: string | null, error: { code: string; message: string } | null): void {
    this.db
      .prepare(
        `INSERT INTO sync_models (remote_pk, name, state, error_code, error_message, fingerprint, updated_time) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET state = excluded.state, error_code = excluded.error_code, error_message = excluded.error_message,
           fingerprint = coalesce(excluded.fingerprint, fingerprint), updated_time = excluded.updated_time`,
      )
      .run(remotePk, name, state, error?.code ?? null, error?.message ?? null, fingerprint, Date.now());
  }

  remoteVersion(remotePk: number, name: string, version: number): { remote_version: string; pushed_hash: string | null } | undefined {
    return this.db
      .prepare<[number, string, number], { remote_version: string; pushed_hash: string | null }>('SELECT remote_version, pushed_hash FROM sync_versions WHERE remote_pk = ? AND name = ? AND version = ?')
      .get(remotePk, name, version);
  }

  setVersionPushed(remotePk: number, name: string, version: number, pushedHash: string): void {
    this.db.prepare('UPDATE sync_versions SET pushed_hash = ? WHERE remote_pk = ? AND name = ? AND version = ?').run(pushedHash, remotePk, name, version);
  }

  modelMetaHash(remotePk: number, name: string): string | null {
    return this.db.prepare<[number, string], { meta_hash: string | null }>('SELECT meta_hash FROM sync_models WHERE remote_pk = ? AND name = ?').get(remotePk, name)?.meta_hash ?? null;
  }

  /** Records the model's description and tags as pushed; the model stays pending until all of it is. */
  setModelMetaHash(remotePk: number, name: string, metaHash: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_models (remote_pk, name, state, meta_hash, updated_time) VALUES (?, ?, 'pending', ?, ?)
         ON CONFLICT DO UPDATE SET meta_hash = excluded.meta_hash, updated_time = excluded.updated_time`,
      )
      .run(remotePk, name, metaHash, Date.now());
  }

  setRemoteVersion(remotePk: number, name: string, version: number, remoteVersion: string): void {
    this.db
      .prepare('INSERT INTO sync_versions (remote_pk, name, version, remote_version) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET remote_version = excluded.remote_version')
      .run(remotePk, name, version, remoteVersion);
  }

  pulled(uri: string, remoteName: string, remoteVersion: string): { name: string; version: number } | undefined {
    return this.db
      .prepare<[string, string, string], { name: string; version: number }>('SELECT name, version FROM sync_pulls WHERE uri = ? AND remote_name = ? AND remote_version = ?')
      .get(uri, remoteName, remoteVersion);
  }

  recordPull(uri: string, remoteName: string, remoteVersion: string, name: string, version: number): void {
    this.db
      .prepare('INSERT INTO sync_pulls (uri, remote_name, remote_version, name, version, pulled_time) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET name = excluded.name, version = excluded.version, pulled_time = excluded.pulled_time')
      .run(uri, remoteName, remoteVersion, name, version, Date.now());
  }

  setting(key: string): string | null {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM sync_settings WHERE key = ?').get(key)?.value ?? null;
  }

  setSettings(values: Record<string, string | null>): void {
    const put = this.db.prepare('INSERT INTO sync_settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
    const remove = this.db.prepare('DELETE FROM sync_settings WHERE key = ?');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) {
        if (value === null) remove.run(key);
        else put.run(key, value);
      }
    })();
  }

  installationId(): string {
    return this.setting('installation_id')!;
  }
}
