import type { Db } from '../../db/database';
import { AuditChain } from '../audit/audit-chain';
import { transitionPayload } from '../audit/transition-record';
import type { TransitionRecordRow } from '../audit/transition-record';
import type { AuditEntry, GateOutcome, MetricSnapshot, Transition, TransitionKind } from './types';

export interface NewTransition {
  modelPk: number;
  kind: TransitionKind;
  fromVersion: number | null;
  toVersion: number | null;
  fromStage?: string | null;
  toStage?: string | null;
  actor: string;
  at: number;
  reason: string;
  metrics?: { from: MetricSnapshot | null; to: MetricSnapshot | null };
  gate?: GateOutcome | null;
}

/** A stored transition with its model's name now (`name`), beside the name it had then. */
interface TransitionRow extends TransitionRecordRow {
  model_pk: number | null;
  name: string;
  kind: TransitionKind;
}

function toTransition(row: TransitionRow): Transition {
  const details = JSON.parse(row.details_json) as { metrics?: Transition['metrics']; gate?: GateOutcome | null };
  return {
    id: row.transition_id,
    name: row.name,
    kind: row.kind,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    actor: row.actor,
    at: row.at,
    reason: row.reason,
    metrics: details.metrics ?? { from: null, to: null },
    gate: details.gate ?? null,
  };
}

/**
 * The append-only audit trail of what was in production, and why. Rows are never updated
 * by us; deleting a model only unlinks them from it (their model_pk becomes NULL).
 */
export class TransitionLog {
  private readonly chain: AuditChain;

  constructor(private readonly db: Db) {
    this.chain = new AuditChain(db);
  }

  /** Appends a transition of a model that exists now; its name is kept with it, for after the model is gone. */
  append(t: NewTransition): number {
    const details = JSON.stringify({ metrics: t.metrics ?? { from: null, to: null }, gate: t.gate ?? null });
    // The transition and its record in the audit chain are written together or not at all.
    return this.db.transaction(() => {
      const result = this.db
        .prepare(
          `INSERT INTO model_transitions (model_pk, model_name, kind, from_version, to_version, from_stage, to_stage, actor, at, reason, details_json)
           SELECT model_pk, name, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM registered_models WHERE model_pk = ?`,
        )
        .run(t.kind, t.fromVersion, t.toVersion, t.fromStage ?? null, t.toStage ?? null, t.actor, t.at, t.reason, details, t.modelPk);
      if (result.changes !== 1) throw new Error(`registry: no model ${t.modelPk} to record a ${t.kind} transition for`);
      const id = Number(result.lastInsertRowid);
      const row = this.db.prepare<[number], TransitionRecordRow>('SELECT * FROM model_transitions WHERE transition_id = ?').get(id)!;
      this.chain.append({ kind: `registry.${t.kind}`, at: t.at, actor: t.actor, payload: transitionPayload(row) });
      return id;
    })();
  }

  /** A live model's transitions under its current name, newest first. */
  list(modelPk: number, limit = 1000): Transition[] {
    const rows = this.db
      .prepare<[number, number], TransitionRow>(
        `SELECT t.*, m.name FROM model_transitions t JOIN registered_models m ON m.model_pk = t.model_pk
         WHERE t.model_pk = ? ORDER BY t.transition_id DESC LIMIT ?`,
      )
      .all(modelPk, limit);
    return rows.map(toTransition);
  }

  /**
   * Every transition of every model, deleted ones included, newest first; with `name`, those
   * recorded under that name or of the model that has it now.
   */
  audit(filter: { name?: string; limit: number }): AuditEntry[] {
    const rows = this.db
      .prepare<[Record<string, unknown>], TransitionRow>(
        `SELECT t.*, COALESCE(m.name, t.model_name) AS name FROM model_transitions t LEFT JOIN registered_models m ON m.model_pk = t.model_pk
         WHERE @name IS NULL OR t.model_name = @name OR m.name = @name
         ORDER BY t.transition_id DESC LIMIT @limit`,
      )
      .all({ name: filter.name ?? null, limit: filter.limit });
    return rows.map((row) => ({ ...toTransition(row), modelDeleted: row.model_pk === null }));
  }

  /**
   * Where a rollback goes: the version that was in production before `current` was
   * promoted. Rollbacks are skipped, so rolling back twice walks back two promotions
   * instead of bouncing between the same two versions.
   */
  versionBefore(modelPk: number, current: number): number | null {
    const row = this.db
      .prepare<[number, number], { from_version: number | null }>(
        `SELECT from_version FROM model_transitions WHERE model_pk = ? AND kind = 'promote' AND to_version = ?
         ORDER BY transition_id DESC LIMIT 1`,
      )
      .get(modelPk, current);
    return row?.from_version ?? null;
  }
}
