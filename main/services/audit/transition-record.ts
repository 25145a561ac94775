/** What a registry transition says in the audit chain. */
export interface TransitionRecordRow {
  transition_id: number;
  model_name: string;
  kind: string;
  from_version: number | null;
  to_version: number | null;
  from_stage: string | null;
  to_stage: string | null;
  actor: string;
  at: number;
  reason: string;
  details_json: string;
}

export function transitionPayload(t: TransitionRecordRow): Record<string, unknown> {
  return {
    transitionId: t.transition_id,
    model: t.model_name,
    fromVersion: t.from_version,
    toVersion: t.to_version,
    fromStage: t.from_stage,
    toStage: t.to_stage,
    reason: t.reason,
    details: JSON.parse(t.details_json) as unknown,
  };
}
