import { z } from 'zod';
import { event, procedure } from './define';

/**
 * The model registry and model bundles over the app API (renderer, CLI, scripts). Field
 * names are camelCase and versions are numbers; the same data in MLflow's own shapes is
 * served under /api/2.0/mlflow/registered-models/… and /model-versions/….
 */

const keyValue = z.object({ key: z.string(), value: z.string() });
const name = z.string().min(1);
const version = z.number().int().positive();
const stage = z.enum(['None', 'Staging', 'Production', 'Archived']);
const metricSnapshot = z.record(z.string(), z.number());
const gate = z.object({ metric: z.string().min(1), direction: z.enum(['higher', 'lower']) });
const ok = z.object({});

export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.number(),
  source: z.string(),
  runId: z.string().nullable(),
  artifactPath: z.string().nullable(),
  runLink: z.string(),
  description: z.string(),
  userId: z.string(),
  status: z.enum(['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY']),
  statusMessage: z.string(),
  currentStage: stage,
  creationTimestamp: z.number(),
  lastUpdatedTimestamp: z.number(),
  tags: z.array(keyValue),
  aliases: z.array(z.string()),
  signature: z.object({ inputs: z.string(), outputs: z.string() }).nullable(),
  specHash: z.string().nullable(),
  modelSha256: z.string().nullable(),
});

export const registeredModelSchema = z.object({
  name: z.string(),
  description: z.string(),
  creationTimestamp: z.number(),
  lastUpdatedTimestamp: z.number(),
  tags: z.array(keyValue),
  aliases: z.array(z.object({ alias: z.string(), version: z.number() })),
  latestVersions: z.array(modelVersionSchema),
  gate: gate.nullable(),
});

const versionMetrics = z.object({ version: z.number(), runId: z.string().nullable(), metrics: metricSnapshot.nullable() });

export const gateOutcomeSchema = gate.extend({
  candidate: z.number().nullable(),
  production: z.number().nullable(),
  passed: z.boolean(),
  overrideReason: z.string().optional(),
});

export const transitionSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(['promote', 'rollback', 'stage', 'alias', 'delete', 'gate']),
  fromVersion: z.number().nullable(),
  toVersion: z.number().nullable(),
  fromStage: z.string().nullable(),
  toStage: z.string().nullable(),
  actor: z.string(),
  at: z.number(),
  reason: z.string(),
  metrics: z.object({ from: metricSnapshot.nullable(), to: metricSnapshot.nullable() }),
  gate: gateOutcomeSchema.nullable(),
});

/** An entry of the registry-wide audit trail: `name` is the model's name then; the model may have been deleted since. */
export const auditEntrySchema = transitionSchema.extend({ modelDeleted: z.boolean() });

const transitionResult = z.object({ transition: transitionSchema, version: modelVersionSchema });
/** The production version a change was decided against (null: none); a stale one is refused with RESOURCE_CONFLICT. */
const expectedProduction = z.number().int().positive().nullable().optional();

export const registryProcedures = {
  'registry.listModels': procedure(
    'Registered models, each with its production version and that version\'s metrics (filter: MLflow grammar on name and tags).',
    z.object({ filter: z.string().optional(), maxResults: z.number().int().min(1).max(1000).default(100), pageToken: z.string().optional() }),
    z.object({
      models: z.array(registeredModelSchema.extend({ production: versionMetrics.nullable(), versionCount: z.number() })),
      nextPageToken: z.string().optional(),
    }),
  ),
  'registry.getModel': procedure('One registered model and all its versions, newest first.', z.object({ name }), z.object({ model: registeredModelSchema, versions: z.array(modelVersionSchema) })),
  'registry.createModel': procedure(
    'Creates a registered model; its name must be free.',
    z.object({ name, description: z.string().default(''), tags: z.array(keyValue).default([]) }),
    registeredModelSchema,
  ),
  'registry.updateModel': procedure("Sets a model's description.", z.object({ name, description: z.string() }), registeredModelSchema),
  'registry.renameModel': procedure('Renames a model; its versions follow.', z.object({ name, newName: name }), registeredModelSchema),
  'registry.deleteModel': procedure(
    'Deletes a model and its versions. Its audit trail is kept, with the deletion recorded (who, when, why, what was in production).',
    z.object({ name, reason: z.string().optional() }),
    ok,
  ),
  'registry.setGate': procedure(
    "Sets (or, with null, removes) the promotion gate: a candidate's metric must not be worse than production's.",
    z.object({ name, gate: gate.nullable() }),
    registeredModelSchema,
  ),
  'registry.createVersion': procedure(
    "Registers the model directory a run logged (artifactPath inside its artifacts) as a new version; the model is created if it does not exist.",
    z.object({ name, runId: z.string().min(1), artifactPath: z.string().min(1).default('model'), description: z.string().default(''), tags: z.array(keyValue).default([]) }),
    modelVersionSchema,
  ),
  'registry.versionsOfRun': procedure(
    'The model versions registered from one run, newest first (a run page lists them).',
    z.object({ runId: z.string().regex(/^[\w-]+$/, 'a run id is letters, digits, - and _') }),
    z.object({ versions: z.array(modelVersionSchema) }),
  ),
  'registry.updateVersion': procedure("Sets a version's description.", z.object({ name, version, description: z.string() }), modelVersionSchema),
  'registry.deleteVersion': procedure('Deletes a version (not the one in production); its number is never reused.', z.object({ name, version }), ok),
  'registry.setAlias': procedure("Points an alias at a version (MLflow's rules for alias names).", z.object({ name, alias: z.string(), version }), ok),
  'registry.deleteAlias': procedure('Removes an alias.', z.object({ name, alias: z.string() }), ok),
  'registry.previewPromotion': procedure(
    "What promoting a version would do: both versions' metrics side by side, the gate's verdict, and any blocker.",
    z.object({ name, version }),
    z.object({ name: z.string(), candidate: versionMetrics, production: versionMetrics.nullable(), gate: gateOutcomeSchema.nullable(), blocker: z.string().nullable() }),
  ),
  'registry.promote': procedure(
    'Puts a version in production (alias, stage, previous one archived) in one transaction, and records why.',
    z.object({ name, version, reason: z.string().min(1), expectedProduction, gateOverrideReason: z.string().optional() }),
    transitionResult,
  ),
  'registry.rollback': procedure(
    'Puts back the version that was in production before the current one.',
    z.object({ name, reason: z.string().optional(), expectedProduction }),
    transitionResult,
  ),
  'registry.history': procedure('Every transition of a model, newest first.', z.object({ name }), z.object({ transitions: z.array(transitionSchema) })),
  'registry.audit': procedure(
    'The audit trail of every model, deleted ones included, newest first; with a name, the transitions recorded under it.',
    z.object({ name: z.string().min(1).optional(), limit: z.number().int().min(1).max(10_000).default(1000) }),
    z.object({ transitions: z.array(auditEntrySchema) }),
  ),
  'bundles.export': procedure(
    'Writes one version as a model bundle (a zip) to a file on this computer.',
    z.object({ name, version, path: z.string().min(1), overwrite: z.boolean().default(false) }),
    z.object({ file: z.string(), bytes: z.number(), sha256: z.string() }),
    { hostPaths: true, overHttp: 'Download the bundle with GET /api/bundles/export?name=NAME&version=N instead.' },
  ),
  'bundles.import': procedure(
    'Imports a model bundle from a file on this computer as a new version (of `name`, or of the name it was exported with).',
    z.object({ path: z.string().min(1), name: z.string().optional() }),
    z.object({ name: z.string(), version: z.number(), runId: z.string(), originalVersion: z.number() }),
    { hostPaths: true, overHttp: 'Upload the zip with POST /api/bundles/import (Content-Type: application/zip) instead.' },
  ),
  'bundles.importOnnx': procedure(
    'Registers an external ONNX classifier (one float32 input [N, features]) from a file on this computer, with its feature names file (one per line, in input order), as a new version of `name`.',
    z.object({ path: z.string().min(1), featuresPath: z.string().min(1), name: z.string().min(1) }),
    z.object({ name: z.string(), version: z.number(), runId: z.string(), features: z.number() }),
    { hostPaths: true, overHttp: 'Run `neuroops models import MODEL.onnx --features NAMES.txt --name NAME` on the computer that has the file instead.' },
  ),
  'bundles.importData': procedure(
    'Imports a model bundle sent as bytes (a file dropped on the desktop app, which has no path for it).',
    z.object({ fileName: z.string().min(1), dataBase64: z.string().min(1).max(96 * 1024 * 1024), name: z.string().optional() }),
    z.object({ name: z.string(), version: z.number(), runId: z.string(), originalVersion: z.number() }),
  ),
};

export const registryEvents = {
  'registry.changed': event('A registered model or one of its versions changed.', z.object({ name: z.string() })),
};
