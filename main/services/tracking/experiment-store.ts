import type Database from 'better-sqlite3';
import type { Db } from '../../db/database';
import { statementCache } from '../../db/statement-cache';
import { AppError, invalid, notFound } from '../../core/app-error';
import { checkExperimentName, checkLength, checkTag, LIMITS } from './limits';
import type { Experiment, KeyValue, LifecycleStage } from './types';

export interface ExperimentRow {
  experiment_id: number;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
}

/** Experiment ids travel as strings (MLflow's); inside they are integers. */
export function parseExperimentId(id: unknown): number {
  const text = typeof id === 'number' ? String(id) : id;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) {
    throw invalid(`Experiment id ${JSON.stringify(id)} is not valid: experiment ids are strings of digits such as "0" or "12".`);
  }
  return Number(text);
}

/** SQL for experiments. Called inside the write queue for changes; reads run directly. */
export class ExperimentStore {
  private readonly sql: (text: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  private tagsOf(experimentId: number): KeyValue[] {
    return this.db
      .prepare<[number], KeyValue>('SELECT key, value FROM experiment_tags WHERE experiment_id = ? ORDER BY key')
      .all(experimentId);
  }

  toExperiment(row: ExperimentRow): Experiment {
    return {
      experimentId: String(row.experiment_id),
      name: row.name,
      artifactLocation: row.artifact_location,
      lifecycleStage: row.lifecycle_stage,
      creationTime: row.creation_time,
      lastUpdateTime: row.last_update_time,
      tags: this.tagsOf(row.experiment_id),
    };
  }

  row(experimentId: number): ExperimentRow | undefined {
    return this.sql('SELECT * FROM experiments WHERE experiment_id = ?').get(experimentId) as ExperimentRow | undefined;
  }

  require(experimentId: number): ExperimentRow {
    const row = this.row(experimentId);
    if (!row) throw notFound(`No experiment with id ${experimentId}. List experiments to find the right id.`);
    return row;
  }

  requireActive(experimentId: number): ExperimentRow {
    const row = this.require(experimentId);
    if (row.lifecycle_stage !== 'active') {
      throw invalid(`Experiment ${experimentId} ("${row.name}") is deleted; restore it before using it.`);
    }
    return row;
  }

  get(experimentId: number): Experiment {
    return this.toExperiment(this.require(experimentId));
  }

  /** The active experiment of that name, or else the most recently deleted one. */
  getByName(name: string): Experiment {
    const row = this.db
      .prepare<[string], ExperimentRow>(
        `SELECT * FROM experiments WHERE name = ?
         ORDER BY lifecycle_stage = 'active' DESC, last_update_time DESC LIMIT 1`,
      )
      .get(name);
    if (!row) throw notFound(`No experiment named "${name}".`);
    return this.toExperiment(row);
  }

  private checkNameFree(name: string): void {
    const taken = this.db
      .prepare<[string], { experiment_id: number }>(`SELECT experiment_id FROM experiments WHERE name = ? AND lifecycle_stage = 'active'`)
      .get(name);
    if (taken) {
      throw new AppError('RESOURCE_ALREADY_EXISTS', `An active experiment named "${name}" already exists (id ${taken.experiment_id}). Choose another name.`);
    }
  }

  create(input: { name: string; artifactLocation?: string; tags?: KeyValue[] }): string {
    const name = checkExperimentName(input.name);
    checkLength('artifact_location', input.artifactLocation, LIMITS.maxArtifactLocationLength);
    input.tags?.forEach(checkTag);
    this.checkNameFree(name);
    const now = Date.now();
    const { lastInsertRowid } = this.db
      .prepare(`INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES (?, '', ?, ?)`)
      .run(name, now, now);
    const id = Number(lastInsertRowid);
    const location = input.artifactLocation || `mlflow-artifacts:/${id}`;
    this.db.prepare('UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?').run(location, id);
    for (const tag of input.tags ?? []) this.setTag(id, tag);
    return String(id);
  }

  rename(experimentId: number, newName: string): void {
    const row = this.require(experimentId);
    checkExperimentName(newName);
    if (row.name === newName) return;
    if (row.lifecycle_stage === 'active') this.checkNameFree(newName);
    this.db.prepare('UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?').run(newName, Date.now(), experimentId);
  }

  setLifecycle(experimentId: number, stage: LifecycleStage): void {
    const row = this.require(experimentId);
    if (stage === 'deleted' && experimentId === 0) throw invalid('The Default experiment (id 0) cannot be deleted.');
    if (stage === 'active' && row.lifecycle_stage === 'deleted') {
      // The name may have been reused while this one was deleted.
      const taken = this.db
        .prepare<[string], { experiment_id: number }>(`SELECT experiment_id FROM experiments WHERE name = ? AND lifecycle_stage = 'active'`)
        .get(row.name);
      if (taken) {
        throw new AppError(
          'RESOURCE_ALREADY_EXISTS',
          `Cannot restore experiment ${experimentId}: the name "${row.name}" now belongs to experiment ${taken.experiment_id}. Rename one of them first.`,
        );
      }
    }
    const now = Date.now();
    this.db.prepare('UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?').run(stage, now, experimentId);
    // MLflow deletes and restores an experiment's runs with it.
    this.db
      .prepare('UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ?')
      .run(stage, stage === 'deleted' ? now : null, experimentId);
  }

  setTag(experimentId: number, tag: KeyValue): void {
    checkTag(tag);
    this.requireActive(experimentId);
    this.db
      .prepare('INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
      .run(experimentId, tag.key, tag.value);
  }
}
