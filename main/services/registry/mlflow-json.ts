import type { ModelVersion, RegisteredModel } from './types';

/**
 * Registry entities in MLflow's JSON (proto field names): versions travel as strings,
 * timestamps as numbers, and NeuroOps's extra fields (signature, spec hash, gate) stay out.
 */
export const modelVersionJson = (v: ModelVersion) => ({
  name: v.name,
  version: String(v.version),
  creation_timestamp: v.creationTimestamp,
  last_updated_timestamp: v.lastUpdatedTimestamp,
  ...(v.userId ? { user_id: v.userId } : {}),
  current_stage: v.currentStage,
  description: v.description,
  source: v.source,
  ...(v.runId ? { run_id: v.runId } : {}),
  status: v.status,
  ...(v.statusMessage ? { status_message: v.statusMessage } : {}),
  tags: v.tags,
  ...(v.runLink ? { run_link: v.runLink } : {}),
  aliases: v.aliases,
});

export const registeredModelJson = (m: RegisteredModel) => ({
  name: m.name,
  creation_timestamp: m.creationTimestamp,
  last_updated_timestamp: m.lastUpdatedTimestamp,
  description: m.description,
  latest_versions: m.latestVersions.map(modelVersionJson),
  tags: m.tags,
  aliases: m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
});
