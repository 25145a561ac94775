/**
 * Prediction jobs and their results in migration 13's tables. A job row is
 * written when the job starts; its results are written, with their audit
 * records, in one transaction when it ends (see predictions-service.ts).
 */
import type { Db } from '../../db/database';
import type { PredictionFlag, PredictionJob } from '../../contract/predictions';
import type { RecordingInput } from './validate-upload';

export type JobState = PredictionJob['state'];

export interface JobRow {
  id: string;
  flow_run_id: string | null;
  run_id: string | null;
  state: JobState;
  error_json: string | null;
  created_at: number;
  finished_at: number | null;
  user: string;
  upload_id: string | null;
  dataset_name: string;
  dataset_path: string;
  dataset_sha256: string;
  model_name: string;
  model_version: number;
  model_alias: string | null;
  onnx_sha256: string;
  spec_hash: string;
  recordings_json: string;
}

export interface ResultRow {
  job_id: string;
  idx: number;
  status: 'ok' | 'failed';
  label: string | null;
  probabilities_json: string | null;
  quality_json: string | null;
  flags_json: string;
  error_json: string | null;
  features_json: string | null;
  audit_seq: number | null;
}

export interface NewResult {
  idx: number;
  status: 'ok' | 'failed';
  label: string | null;
  probabilities: Record<string, number> | null;
  quality: unknown;
  flags: PredictionFlag[];
  error: { code: string; message: string } | null;
  /** The model's input values, in its feature order (for the profile view). */
  features: number[] | null;
  auditSeq: number | null;
}

export interface JobFilter {
  model?: string;
  label?: string;
  from?: number;
  to?: number;
}

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** Day (UTC) of an epoch-ms time, as SQLite computes it. */
const DAY_SQL = "strftime('%Y-%m-%d', j.created_at / 1000, 'unixepoch')";

export class JobStore {
  constructor(private readonly db: Db) {}

  /** Inserts a queued job; returns false when a live job on the same dataset and model version holds the unique index. */
  insert(row: Omit<JobRow, 'flow_run_id' | 'run_id' | 'error_json' | 'finished_at'>): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO prediction_jobs (id, state, created_at, user, upload_id, dataset_name, dataset_path, dataset_sha256, model_name, model_version, model_alias, onnx_sha256, spec_hash, recordings_json)
         VALUES (@id, @state, @created_at, @user, @upload_id, @dataset_name, @dataset_path, @dataset_sha256, @model_name, @model_version, @model_alias, @onnx_sha256, @spec_hash, @recordings_json)
         ON CONFLICT DO NOTHING`,
      )
      .run(row);
    return info.changes === 1;
  }

  liveOn(datasetSha256: string, modelName: string, modelVersion: number): JobRow | undefined {
    return this.db
      .prepare<[string, string, number], JobRow>("SELECT * FROM prediction_jobs WHERE dataset_sha256 = ? AND model_name = ? AND model_version = ? AND state IN ('queued', 'running')")
      .get(datasetSha256, modelName, modelVersion);
  }

  /** Jobs this table says are live (queued or running). */
  live(): JobRow[] {
    return this.db.prepare<[], JobRow>("SELECT * FROM prediction_jobs WHERE state IN ('queued', 'running')").all();
  }

  started(id: string, flowRunId: string, runId: string | null): void {
    this.db.prepare("UPDATE prediction_jobs SET flow_run_id = ?, run_id = ?, state = 'running' WHERE id = ?").run(flowRunId, runId, id);
  }

  setRunId(id: string, runId: string): void {
    this.db.prepare('UPDATE prediction_jobs SET run_id = ? WHERE id = ? AND run_id IS NULL').run(runId, id);
  }

  /** Ends a job; call inside the transaction that writes its results. */
  finish(id: string, state: Exclude<JobState, 'queued' | 'running'>, at: number, error: { code: string; message: string } | null): void {
    this.db.prepare('UPDATE prediction_jobs SET state = ?, finished_at = ?, error_json = ? WHERE id = ?').run(state, at, json(error), id);
  }

  addResults(jobId: string, results: NewResult[]): void {
    const insert = this.db.prepare(
      `INSERT INTO prediction_results (job_id, idx, status, label, probabilities_json, quality_json, flags_json, error_json, features_json, audit_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of results) {
      insert.run(jobId, r.idx, r.status, r.label, json(r.probabilities), json(r.quality), JSON.stringify(r.flags), json(r.error), json(r.features), r.auditSeq);
    }
  }

  get(id: string): JobRow | undefined {
    return this.db.prepare<[string], JobRow>('SELECT * FROM prediction_jobs WHERE id = ?').get(id);
  }

  results(jobId: string): ResultRow[] {
    return this.db.prepare<[string], ResultRow>('SELECT * FROM prediction_results WHERE job_id = ? ORDER BY idx').all(jobId);
  }

  private where(filter: JobFilter): { sql: string; params: Array<string | number> } {
    const parts: string[] = [];
    const params: Array<string | number> = [];
    if (filter.model !== undefined) {
      parts.push('j.model_name = ?');
      params.push(filter.model);
    }
    if (filter.from !== undefined) {
      parts.push('j.created_at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      parts.push('j.created_at <= ?');
      params.push(filter.to);
    }
    if (filter.label !== undefined) {
      parts.push('EXISTS (SELECT 1 FROM prediction_results r WHERE r.job_id = j.id AND r.label = ?)');
      params.push(filter.label);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  /** Newest first. */
  list(filter: JobFilter, limit: number, offset: number): { rows: JobRow[]; total: number } {
    const { sql, params } = this.where(filter);
    const rows = this.db.prepare<Array<string | number>, JobRow>(`SELECT j.* FROM prediction_jobs j ${sql} ORDER BY j.created_at DESC, j.id LIMIT ? OFFSET ?`).all(...params, limit, offset);
    const total = this.db.prepare<Array<string | number>, { n: number }>(`SELECT count(*) AS n FROM prediction_jobs j ${sql}`).get(...params)!.n;
    return { rows, total };
  }

  /** Recordings predicted per day (UTC, of the job) and label. */
  labelCounts(filter: Omit<JobFilter, 'label'>): Array<{ day: string; label: string; n: number }> {
    const { sql, params } = this.where(filter);
    const and = sql ? `${sql} AND` : 'WHERE';
    return this.db
      .prepare<Array<string | number>, { day: string; label: string; n: number }>(
        `SELECT ${DAY_SQL} AS day, r.label AS label, count(*) AS n
         FROM prediction_results r JOIN prediction_jobs j ON j.id = r.job_id
         ${and} r.status = 'ok' GROUP BY day, r.label ORDER BY day, r.label`,
      )
      .all(...params);
  }

  recordingsOf(row: JobRow): RecordingInput[] {
    return JSON.parse(row.recordings_json) as RecordingInput[];
  }
}
