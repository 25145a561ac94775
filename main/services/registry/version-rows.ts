import type { Db } from '../../db/database';
import { notFound } from '../../core/app-error';
import type { KeyValue } from '../tracking/types';
import type { ModelVersion, Stage, VersionStatus } from './types';

export interface VersionRow {
  model_pk: number;
  name: string;
  version: number;
  source: string;
  run_id: string | null;
  artifact_path: string | null;
  run_link: string;
  description: string;
  user_id: string;
  status: VersionStatus;
  status_message: string;
  current_stage: Stage;
  signature_json: string | null;
  spec_hash: string | null;
  model_sha256: string | null;
  creation_time: number;
  last_updated_time: number;
}

/** Rows joined with their model's name, so every version knows whose it is. */
export const VERSION_SELECT = 'SELECT v.*, m.name FROM model_versions v JOIN registered_models m ON m.model_pk = v.model_pk';

export const versionNotFound = (name: string, version: number) =>
  notFound(`Model Version (name=${name}, version=${version}) not found. List the model's versions with "neuroops models show ${name}".`);

/** Reads versions and what hangs off them (tags, aliases) in three queries, not three per version. */
export class VersionRows {
  constructor(private readonly db: Db) {}

  row(modelPk: number, version: number): VersionRow | undefined {
    return this.db.prepare<[number, number], VersionRow>(`${VERSION_SELECT} WHERE v.model_pk = ? AND v.version = ?`).get(modelPk, version);
  }

  require(modelPk: number, name: string, version: number): VersionRow {
    const row = this.row(modelPk, version);
    if (!row) throw versionNotFound(name, version);
    return row;
  }

  ofModel(modelPk: number): VersionRow[] {
    return this.db.prepare<[number], VersionRow>(`${VERSION_SELECT} WHERE v.model_pk = ? ORDER BY v.version DESC`).all(modelPk);
  }

  load(rows: readonly VersionRow[]): ModelVersion[] {
    if (rows.length === 0) return [];
    const models = [...new Set(rows.map((r) => r.model_pk))];
    const marks = models.map(() => '?').join(',');
    const tags = new Map<string, KeyValue[]>();
    for (const t of this.db
      .prepare<number[], { model_pk: number; version: number; key: string; value: string }>(
        `SELECT model_pk, version, key, value FROM model_version_tags WHERE model_pk IN (${marks}) ORDER BY key`,
      )
      .all(...models)) {
      const id = `${t.model_pk}:${t.version}`;
      tags.set(id, [...(tags.get(id) ?? []), { key: t.key, value: t.value }]);
    }
    const aliases = new Map<string, string[]>();
    for (const a of this.db
      .prepare<number[], { model_pk: number; version: number; alias: string }>(`SELECT model_pk, version, alias FROM model_aliases WHERE model_pk IN (${marks}) ORDER BY alias`)
      .all(...models)) {
      const id = `${a.model_pk}:${a.version}`;
      aliases.set(id, [...(aliases.get(id) ?? []), a.alias]);
    }
    return rows.map((row) => toModelVersion(row, tags.get(`${row.model_pk}:${row.version}`) ?? [], aliases.get(`${row.model_pk}:${row.version}`) ?? []));
  }
}

export function toModelVersion(row: VersionRow, tags: KeyValue[], aliases: string[]): ModelVersion {
  return {
    name: row.name,
    version: row.version,
    source: row.source,
    runId: row.run_id,
    artifactPath: row.artifact_path,
    runLink: row.run_link,
    description: row.description,
    userId: row.user_id,
    status: row.status,
    statusMessage: row.status_message,
    currentStage: row.current_stage,
    creationTimestamp: row.creation_time,
    lastUpdatedTimestamp: row.last_updated_time,
    tags,
    aliases,
    signature: row.signature_json ? (JSON.parse(row.signature_json) as ModelVersion['signature']) : null,
    specHash: row.spec_hash,
    modelSha256: row.model_sha256,
  };
}
