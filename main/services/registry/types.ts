import type { KeyValue } from '../tracking/types';

/**
 * The registry's domain types. They follow MLflow's RegisteredModel and ModelVersion
 * field for field (in camelCase) so the MLflow REST layer and sync are plain renames;
 * what MLflow lacks (signature, spec hash, the promotion gate, transitions) is added.
 */

export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

export const VERSION_STATUSES = ['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** The alias a promotion moves; the version holding it is "in production". */
export const PRODUCTION_ALIAS = 'production';

export interface ModelVersion {
  name: string;
  /** MLflow sends versions as strings; inside NeuroOps they are numbers. */
  version: number;
  source: string;
  runId: string | null;
  /** The model directory's path inside the run's artifacts, when the source points into a run. */
  artifactPath: string | null;
  runLink: string;
  description: string;
  userId: string;
  status: VersionStatus;
  statusMessage: string;
  currentStage: Stage;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  tags: KeyValue[];
  aliases: string[];
  /** MLflow's model signature: `inputs` and `outputs` as JSON strings of tensor specs. */
  signature: { inputs: string; outputs: string } | null;
  /** sha256 of the canonical JSON of the preprocessing spec, when the model directory has one. */
  specHash: string | null;
  /** sha256 of model.onnx, when the model directory has one. */
  modelSha256: string | null;
}

export interface PromotionGate {
  metric: string;
  /** Whether a higher or a lower value of `metric` is better. */
  direction: 'higher' | 'lower';
}

export interface RegisteredModel {
  name: string;
  description: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  tags: KeyValue[];
  aliases: Array<{ alias: string; version: number }>;
  /** MLflow's latest_versions: the newest version in each stage. */
  latestVersions: ModelVersion[];
  gate: PromotionGate | null;
}

export const TRANSITION_KINDS = ['promote', 'rollback', 'stage', 'alias', 'delete', 'gate'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/** A version's run metrics (latest values) as they were when a transition happened. */
export type MetricSnapshot = Record<string, number>;

export interface GateOutcome {
  metric: string;
  direction: 'higher' | 'lower';
  candidate: number | null;
  production: number | null;
  passed: boolean;
  overrideReason?: string;
}

/** One change to what is in production (or to a version's stage), kept forever. */
export interface Transition {
  id: number;
  name: string;
  kind: TransitionKind;
  fromVersion: number | null;
  toVersion: number | null;
  fromStage: string | null;
  toStage: string | null;
  actor: string;
  at: number;
  reason: string;
  metrics: { from: MetricSnapshot | null; to: MetricSnapshot | null };
  gate: GateOutcome | null;
}

/** A transition in the registry-wide audit trail: `name` is the model's name then, and it may be deleted since. */
export interface AuditEntry extends Transition {
  modelDeleted: boolean;
}
