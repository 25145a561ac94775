import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from '../../db/database';
import { MultiRowStatement } from '../../db/multi-row';
import { statementCache } from '../../db/statement-cache';
import { newRunId } from '../../core/run-id';
import { invalid, notFound } from '../../core/app-error';
import type { ExperimentStore } from './experiment-store';
import { checkLength, checkTag, checkTimestamp, LIMITS } from './limits';
import { fromStoredValue } from './metric-values';
import { RUN_STATUSES, SYSTEM_TAGS, type DatasetInput, type KeyValue, type LifecycleStage, type Metric, type Run, type RunInfo, type RunStatus } from './types';

export interface RunRow {
  run_pk: number;
  run_id: string;
  experiment_id: number;
  name: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time: number | null;
  lifecycle_stage: LifecycleStage;
  artifact_uri: string;
}

export interface CreateRunInput {
  experimentId: string | number;
  runName?: string;
  userId?: string;
  startTime?: number;
  status?: RunStatus;
  tags?: KeyValue[];
}

export interface UpdateRunInput {
  status?: RunStatus;
  endTime?: number | null;
  runName?: string;
}

export function toRunInfo(row: RunRow): RunInfo {
  return {
    runId: row.run_id,
    runName: row.name,
    experimentId: String(row.experiment_id),
    userId: row.user_id,
    status: row.status,
    startTime: row.start_time,
    endTime: row.end_time,
    artifactUri: row.artifact_uri,
    lifecycleStage: row.lifecycle_stage,
  };
}

export function checkStatus(status: unknown): RunStatus {
  if (!RUN_STATUSES.includes(status as RunStatus)) {
    throw invalid(`Run status ${JSON.stringify(status)} is not one of ${RUN_STATUSES.join(', ')}.`);
  }
  return status as RunStatus;
}

/** Docker-style names for runs nobody named, as MLflow does. */
const NAME_WORDS = ['bold', 'calm', 'eager', 'keen', 'quiet', 'swift', 'alpha', 'delta', 'theta', 'gamma', 'beta', 'sigma'];
function generatedRunName(): string {
  const pick = (): string => NAME_WORDS[crypto.randomInt(NAME_WORDS.length)]!;
  return `${pick()}-${pick()}-${crypto.randomInt(1000)}`;
}

/** SQL for runs and their data. Changes are called inside the write queue. */
export class RunStore {
  private readonly sql: (text: string) => Database.Statement;
  /** A new run's tags, all in one statement. */
  private readonly tagRows: MultiRowStatement<{ runPk: number; tag: KeyValue }>;

  constructor(
    private readonly db: Db,
    private readonly experiments: ExperimentStore,
  ) {
    this.sql = statementCache(db);
    this.tagRows = new MultiRowStatement(
      db,
      (values) => `INSERT INTO run_tags (run_pk, key, value) ${values} ON CONFLICT DO UPDATE SET value = excluded.value`,
      3,
      ({ runPk, tag }, out) => out.push(runPk, tag.key, tag.value),
    );
  }

  row(runId: string): RunRow | undefined {
    return this.sql('SELECT * FROM runs WHERE run_id = ?').get(runId) as RunRow | undefined;
  }

  require(runId: string): RunRow {
    if (typeof runId !== 'string' || runId === '') throw invalid('A run id is required.');
    const row = this.row(runId);
    if (!row) throw notFound(`Run '${runId}' not found. Check the id, or search runs to find it.`);
    return row;
  }

  /** Logging to a deleted run is refused, as in MLflow; a finished run still accepts data. */
  requireActive(runId: string): RunRow {
    const row = this.require(runId);
    if (row.lifecycle_stage !== 'active') {
      throw invalid(`The run ${runId} must be in the 'active' state to change it; it is deleted. Restore it first.`);
    }
    return row;
  }

  create(input: CreateRunInput): RunRow {
    const experimentId = typeof input.experimentId === 'number' ? input.experimentId : Number(input.experimentId);
    const experiment = this.experiments.requireActive(experimentId);
    const tags = input.tags ?? [];
    tags.forEach(checkTag);
    checkLength('run_name', input.runName, LIMITS.maxRunNameLength);
    checkLength('user_id', input.userId, LIMITS.maxUserIdLength);
    checkTimestamp('start_time', input.startTime);
    const tagName = tags.find((t) => t.key === SYSTEM_TAGS.runName)?.value;
    if (input.runName && tagName && input.runName !== tagName) {
      throw invalid(`run_name "${input.runName}" and tag ${SYSTEM_TAGS.runName} "${tagName}" disagree; send one of them.`);
    }
    const runName = input.runName || tagName || generatedRunName();
    const userId = input.userId ?? tags.find((t) => t.key === SYSTEM_TAGS.user)?.value ?? '';
    const runId = newRunId();
    const artifactUri = `${experiment.artifact_location.replace(/\/$/, '')}/${runId}/artifacts`;
    const status = input.status ?? 'RUNNING';
    const startTime = input.startTime ?? Date.now();
    const { lastInsertRowid } = this
      .sql(
        `INSERT INTO runs (run_id, experiment_id, name, user_id, status, start_time, artifact_uri)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, experimentId, runName, userId, status, startTime, artifactUri);
    const runPk = Number(lastInsertRowid);
    // The name goes last: it wins over a tag of the same key (which, checked above, agrees).
    this.tagRows.run([...tags.map((tag) => ({ runPk, tag })), { runPk, tag: { key: SYSTEM_TAGS.runName, value: runName } }]);
    return {
      run_pk: runPk,
      run_id: runId,
      experiment_id: experimentId,
      name: runName,
      user_id: userId,
      status,
      start_time: startTime,
      end_time: null,
      lifecycle_stage: 'active',
      artifact_uri: artifactUri,
    };
  }

  update(runId: string, input: UpdateRunInput): RunRow {
    checkLength('run_name', input.runName, LIMITS.maxRunNameLength);
    checkTimestamp('end_time', input.endTime);
    const row = this.requireActive(runId);
    const status = input.status === undefined ? row.status : checkStatus(input.status);
    const endTime = input.endTime === undefined ? row.end_time : input.endTime;
    const name = input.runName || row.name;
    this.sql('UPDATE runs SET status = ?, end_time = ?, name = ? WHERE run_pk = ?').run(status, endTime, name, row.run_pk);
    if (name !== row.name) {
      this.sql('INSERT INTO run_tags (run_pk, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
        .run(row.run_pk, SYSTEM_TAGS.runName, name);
    }
    return { ...row, status, end_time: endTime, name };
  }

  setLifecycle(runId: string, stage: LifecycleStage): void {
    const row = this.require(runId);
    if (stage === 'active') {
      const experiment = this.experiments.require(row.experiment_id);
      if (experiment.lifecycle_stage !== 'active') {
        throw invalid(`Run ${runId} belongs to deleted experiment ${row.experiment_id}; restore the experiment first.`);
      }
    }
    this.sql('UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_pk = ?')
      .run(stage, stage === 'deleted' ? Date.now() : null, row.run_pk);
  }

  /** Full runs (info, latest metrics, params, tags, inputs) for a list of rows, in their order. */
  load(rows: readonly RunRow[]): Run[] {
    if (rows.length === 0) return [];
    const pks = rows.map((r) => r.run_pk);
    const placeholders = pks.map(() => '?').join(',');
    // Raw rows grouped by their first column (run_pk): a page of 1000 runs reads tens of
    // thousands of rows, and plain arrays are several times cheaper than row objects.
    const byRun = <T>(sql: string, make: (row: unknown[]) => T): Map<number, T[]> => {
      const map = new Map<number, T[]>();
      for (const row of this.db.prepare(sql).raw().all(...pks) as unknown[][]) {
        const runPk = row[0] as number;
        const list = map.get(runPk);
        if (list) list.push(make(row));
        else map.set(runPk, [make(row)]);
      }
      return map;
    };
    const keyValue = (row: unknown[]): KeyValue => ({ key: row[1] as string, value: row[2] as string });
    const params = byRun(`SELECT run_pk, key, value FROM params WHERE run_pk IN (${placeholders})`, keyValue);
    const tags = byRun(`SELECT run_pk, key, value FROM run_tags WHERE run_pk IN (${placeholders})`, keyValue);
    const metrics = byRun(
      `SELECT run_pk, key, value, is_nan, timestamp, step FROM metric_series WHERE run_pk IN (${placeholders})`,
      (row): Metric => ({ key: row[1] as string, value: fromStoredValue(row[2] as number, row[3] as number), timestamp: row[4] as number, step: row[5] as number }),
    );
    const inputs = byRun(
      `SELECT i.run_pk, i.tags_json, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
       FROM run_inputs i JOIN datasets d USING (dataset_pk) WHERE i.run_pk IN (${placeholders})`,
      (row): DatasetInput => ({
        tags: JSON.parse(row[1] as string) as KeyValue[],
        dataset: {
          name: row[2] as string,
          digest: row[3] as string,
          sourceType: row[4] as string,
          source: row[5] as string,
          schema: row[6] as string | null,
          profile: row[7] as string | null,
        },
      }),
    );
    return rows.map((row) => ({
      info: toRunInfo(row),
      data: { metrics: metrics.get(row.run_pk) ?? [], params: params.get(row.run_pk) ?? [], tags: tags.get(row.run_pk) ?? [] },
      inputs: { datasetInputs: inputs.get(row.run_pk) ?? [] },
    }));
  }
}
