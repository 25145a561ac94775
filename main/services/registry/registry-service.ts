import type { KeyValue, Page } from '../tracking/types';
import type { ModelFiles } from './model-files';
import type { PromoteInput, PromotionPreview, RollbackInput, TransitionResult } from './promotion';
import type { RegistrySearchInput } from './registry-search';
import type { AuditEntry, MetricSnapshot, ModelVersion, PromotionGate, RegisteredModel, Transition } from './types';

export type { ModelFiles, PromoteInput, PromotionPreview, RollbackInput, TransitionResult, RegistrySearchInput };

export interface CreateVersionInput {
  name: string;
  /** Where the model's files are: `runs:/<run>/<path>` or the run's `mlflow-artifacts:/…` URI. */
  source: string;
  runId?: string | null;
  tags?: KeyValue[];
  runLink?: string;
  description?: string;
  userId?: string;
}

/** Who changed something that the history records (alias and stage moves). */
export interface Actor {
  actor?: string;
}

/**
 * The model registry for every in-process caller: the MLflow REST layer, the app API,
 * the CLI and bundles. Errors are AppErrors with MLflow's codes: RESOURCE_DOES_NOT_EXIST,
 * RESOURCE_ALREADY_EXISTS, INVALID_PARAMETER_VALUE; RESOURCE_CONFLICT when production
 * changed under a caller, GATE_FAILED when a promotion does not pass the model's gate.
 */
export interface RegistryService {
  // Registered models.
  createModel(input: { name: string; description?: string; tags?: KeyValue[] }): RegisteredModel;
  getModel(name: string): RegisteredModel;
  /** The model of this name, created (with no description) if there is none; `created` says which. */
  ensureModel(name: string): { model: RegisteredModel; created: boolean };
  searchModels(input?: RegistrySearchInput): Page<RegisteredModel>;
  renameModel(name: string, newName: string): RegisteredModel;
  updateModel(name: string, input: { description?: string }): RegisteredModel;
  /** Deletes the model and its versions; its transitions are kept, and a `delete` transition records the deletion. */
  deleteModel(name: string, by?: Actor & { reason?: string }): void;
  setModelTag(name: string, tag: KeyValue): void;
  deleteModelTag(name: string, key: string): void;
  /** The promotion gate: the candidate's `metric` must not be worse than production's. Null removes it. A change is recorded in the trail. */
  setGate(name: string, gate: PromotionGate | null, by?: Actor): RegisteredModel;

  // Versions.
  createVersion(input: CreateVersionInput): Promise<ModelVersion>;
  getVersion(name: string, version: number): ModelVersion;
  /** The latest value of each finite metric of the version's source run (null without a run). */
  versionMetrics(name: string, version: number): MetricSnapshot | null;
  listVersions(name: string): ModelVersion[];
  searchVersions(input?: RegistrySearchInput): Page<ModelVersion>;
  updateVersion(name: string, version: number, input: { description?: string }): ModelVersion;
  deleteVersion(name: string, version: number): void;
  /** The newest version in each of `stages` (every stage when empty). */
  getLatestVersions(name: string, stages?: string[]): ModelVersion[];
  /** MLflow's stage change; with `archiveExisting`, the stage's other versions become Archived. Recorded in the history. */
  transitionStage(name: string, version: number, stage: string, archiveExisting: boolean, by?: Actor): ModelVersion;
  setVersionTag(name: string, version: number, tag: KeyValue): void;
  deleteVersionTag(name: string, version: number, key: string): void;

  // Aliases. Moving or removing `production` this way is recorded in the history too.
  setAlias(name: string, alias: string, version: number, by?: Actor): void;
  deleteAlias(name: string, alias: string, by?: Actor): void;
  getVersionByAlias(name: string, alias: string): ModelVersion;

  /**
   * A version's model, ready to run (predictions): by number, or by alias such as
   * "production". The ONNX file is checked against the hash it was registered with.
   */
  openModel(name: string, versionOrAlias: number | string): ModelFiles;

  // Promotion.
  promote(input: PromoteInput): TransitionResult;
  rollback(input: RollbackInput): TransitionResult;
  previewPromotion(name: string, version: number): PromotionPreview;
  /** Every transition of the model, newest first. */
  history(name: string): Transition[];
  /** The audit trail of every model, deleted ones included, newest first. */
  audit(filter: { name?: string; limit: number }): AuditEntry[];
}
