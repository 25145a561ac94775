import crypto from 'node:crypto';
import type { Db } from '../../db/database';
import { invalid, notFound } from '../../core/app-error';
import type { ExperimentStore } from './experiment-store';
import { checkTag } from './limits';
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
  constructor(
    private readonly db: Db,
    private readonly experiments: ExperimentStore,
  ) {}

  row(runId: string): RunRow | undefined {
    return this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE run_id = ?').get(runId);
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
    const tagName = tags.find((t) => t.key === SYSTEM_TAGS.runName)?.value;
    if (input.runName && tagName && input.runName !== tagName) {
      throw invalid(`run_name "${input.runName}" and tag ${SYSTEM_TAGS.runName} "${tagName}" disagree; send one of them.`);
    }
    const runName = input.runName || tagName || generatedRunName();
    const userId = input.userId ?? tags.find((t) => t.key === SYSTEM_TAGS.user)?.value ?? '';
    const runId = crypto.randomUUID().replaceAll('-', '');
    const artifactUri = `${experiment.artifact_location.replace(/\/$/, '')}/${runId}/artifacts`;
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO runs (run_id, experiment_id, name, user_id, status, start_time, artifact_uri)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, experimentId, runName, userId, input.status ?? 'RUNNING', input.startTime ?? Date.now(), artifactUri);
    const runPk = Number(lastInsertRowid);
    const upsertTag = this.db.prepare('INSERT INTO run_tags (run_pk, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
    for (const tag of tags) upsertTag.run(runPk, tag.key, tag.value);
    upsertTag.run(runPk, SYSTEM_TAGS.runName, runName);
    return this.require(runId);
  }

  update(runId: string, input: UpdateRunInput): RunRow {
    const row = this.requireActive(runId);
    const status = input.status === undefined ? row.status : checkStatus(input.status);
    const endTime = input.endTime === undefined ? row.end_time : input.endTime;
    const name = input.runName || row.name;
    this.db.prepare('UPDATE runs SET status = ?, end_time = ?, name = ? WHERE run_pk = ?').run(status, endTime, name, row.run_pk);
    if (name !== row.name) {
      this.db
        .prepare('INSERT INTO run_tags (run_pk, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
        .run(row.run_pk, SYSTEM_TAGS.runName, name);
    }
    return this.require(runId);
  }

  setLifecycle(runId: string, stage: LifecycleStage): void {
    const row = this.require(runId);
    if (stage === 'active') {
      const experiment = this.experiments.require(row.experiment_id);
      if (experiment.lifecycle_stage !== 'active') {
        throw invalid(`Run ${runId} belongs to deleted experiment ${row.experiment_id}; restore the experiment first.`);
      }
    }
    this.db
      .prepare('UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_pk = ?')
      .run(stage, stage === 'deleted' ? Date.now() : null, row.run_pk);
  }

  /** Full runs (info, latest metrics, params, tags, inputs) for a list of rows, in their order. */
  load(rows: readonly RunRow[]): Run[] {
    if (rows.length === 0) return [];
    const pks = rows.map((r) => r.run_pk);
    const placeholders = pks.map(() => '?').join(',');
    const byRun = <T>(sql: string): Map<number, T[]> => {
      const map = new Map<number, T[]>();
      for (const item of this.db.prepare(sql).all(...pks) as Array<T & { run_pk: number }>) {
        const { run_pk: runPk, ...rest } = item;
        const list = map.get(runPk) ?? [];
        list.push(rest as T);
        map.set(runPk, list);
      }
      return map;
    };
    const params = byRun<KeyValue>(`SELECT run_pk, key, value FROM params WHERE run_pk IN (${placeholders})`);
    const tags = byRun<KeyValue>(`SELECT run_pk, key, value FROM run_tags WHERE run_pk IN (${placeholders})`);
    const metrics = byRun<{ key: string; value: number; is_nan: number; timestamp: number; step: number }>(
      `SELECT run_pk, key, value, is_nan, timestamp, step FROM metric_series WHERE run_pk IN (${placeholders})`,
    );
    const inputs = byRun<{ tags_json: string; name: string; digest: string; source_type: string; source: string; schema: string | null; profile: string | null }>(
      `SELECT i.run_pk, i.tags_json, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
       FROM run_inputs i JOIN datasets d USING (dataset_pk) WHERE i.run_pk IN (${placeholders})`,
    );
    return rows.map((row) => ({
      info: toRunInfo(row),
      data: {
        metrics: (metrics.get(row.run_pk) ?? []).map(
          (m): Metric => ({ key: m.key, value: fromStoredValue(m.value, m.is_nan), timestamp: m.timestamp, step: m.step }),
        ),
        params: params.get(row.run_pk) ?? [],
        tags: tags.get(row.run_pk) ?? [],
      },
      inputs: {
        datasetInputs: (inputs.get(row.run_pk) ?? []).map(
          (i): DatasetInput => ({
            tags: JSON.parse(i.tags_json) as KeyValue[],
            dataset: { name: i.name, digest: i.digest, sourceType: i.source_type, source: i.source, schema: i.schema, profile: i.profile },
          }),
        ),
      },
    }));
  }
}
