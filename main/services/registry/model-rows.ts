import type { Db } from '../../db/database';
import { notFound } from '../../core/app-error';
import { STAGES, type PromotionGate, type RegisteredModel } from './types';
import type { VersionRows } from './version-rows';

export interface ModelRow {
  model_pk: number;
  name: string;
  description: string;
  creation_time: number;
  last_updated_time: number;
  next_version: number;
  gate_metric: string | null;
  gate_direction: PromotionGate['direction'] | null;
}

export const modelNotFound = (name: string) =>
  notFound(`Registered Model with name=${name} not found. List the registered models with "neuroops models list".`);

export class ModelRows {
  constructor(
    private readonly db: Db,
    private readonly versions: VersionRows,
  ) {}

  byName(name: string): ModelRow | undefined {
    return this.db.prepare<[string], ModelRow>('SELECT * FROM registered_models WHERE name = ?').get(name);
  }

  require(name: string): ModelRow {
    const row = this.byName(name);
    if (!row) throw modelNotFound(name);
    return row;
  }

  touch(modelPk: number, at = Date.now()): void {
    this.db.prepare('UPDATE registered_models SET last_updated_time = ? WHERE model_pk = ?').run(at, modelPk);
  }

  load(rows: readonly ModelRow[]): RegisteredModel[] {
    return rows.map((row) => {
      const tags = this.db
        .prepare<[number], { key: string; value: string }>('SELECT key, value FROM registered_model_tags WHERE model_pk = ? ORDER BY key')
        .all(row.model_pk);
      const aliases = this.db
        .prepare<[number], { alias: string; version: number }>('SELECT alias, version FROM model_aliases WHERE model_pk = ? ORDER BY alias')
        .all(row.model_pk);
      // MLflow's latest_versions: the newest version in each stage.
      const newestPerStage = STAGES.flatMap((stage) => {
        const latest = this.db
          .prepare<[number, string], { version: number }>('SELECT max(version) AS version FROM model_versions WHERE model_pk = ? AND current_stage = ?')
          .get(row.model_pk, stage);
        const found = latest?.version ? this.versions.row(row.model_pk, latest.version) : undefined;
        return found ? [found] : [];
      });
      return {
        name: row.name,
        description: row.description,
        creationTimestamp: row.creation_time,
        lastUpdatedTimestamp: row.last_updated_time,
        tags,
        aliases,
        latestVersions: this.versions.load(newestPerStage),
        gate: row.gate_metric && row.gate_direction ? { metric: row.gate_metric, direction: row.gate_direction } : null,
      };
    });
  }
}
