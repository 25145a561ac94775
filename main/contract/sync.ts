import { z } from 'zod';
import { procedure } from './define';

/**
 * Sync with a remote MLflow tracking server: push runs and models, pull a model version,
 * the per-item and overall status, and the settings (remote, credentials, automatic mode).
 * Credentials go in and never come out: settings only say where they come from.
 */

const itemState = z.enum(['pending', 'synced', 'failed']);
const counts = z.object({ synced: z.number(), pending: z.number(), failed: z.number() });
const failure = z.object({ kind: z.enum(['experiment', 'run', 'model']), id: z.string(), code: z.string(), message: z.string() });
const remote = z.string().min(1).optional();

export const pushReportSchema = z.object({
  remote: z.string(),
  scope: z.string(),
  ok: z.boolean(),
  experiments: z.object({ created: z.number(), matched: z.number() }),
  runs: z.object({ pushed: z.number(), unchanged: z.number(), failed: z.number(), created: z.number() }),
  params: z.number(),
  tags: z.number(),
  metricPoints: z.number(),
  artifacts: z.object({ uploaded: z.number(), bytes: z.number() }),
  models: z.object({ pushed: z.number(), unchanged: z.number(), failed: z.number() }),
  versions: z.object({ created: z.number() }),
  aliases: z.number(),
  stages: z.number(),
  failures: z.array(failure),
  stoppedBy: z.object({ code: z.string(), message: z.string() }).nullable(),
  durationMs: z.number(),
});

const settings = z.object({
  remoteUri: z.string().nullable(),
  authKind: z.enum(['none', 'bearer', 'basic']),
  credentialsSource: z.enum(['saved', 'environment', 'none']),
  canSaveCredentials: z.boolean(),
  autoMinutes: z.number().nullable(),
});

const savedAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1) }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }),
]);

const itemStatus = z.object({ state: itemState, code: z.string().nullable(), reason: z.string().nullable() });

export const syncProcedures = {
  'sync.push': procedure(
    'Push to the remote MLflow server: everything, one experiment (by name), a set of runs, or one model with the runs of its versions.',
    z.object({ remote, experiment: z.string().min(1).optional(), runIds: z.array(z.string().min(1)).optional(), model: z.string().min(1).optional() }),
    pushReportSchema,
  ),
  'sync.pull': procedure(
    'Import one model version from the remote registry (NAME, NAME@alias or NAME/version), its files checked against their hashes.',
    z.object({ remote, model: z.string().min(1) }),
    z.object({
      remote: z.string(),
      name: z.string(),
      remoteVersion: z.string(),
      version: z.number(),
      runId: z.string(),
      files: z.array(z.object({ path: z.string(), bytes: z.number(), sha256: z.string() })),
      verifiedBy: z.enum(['sha256', 'size']),
      alreadyPulled: z.boolean(),
    }),
  ),
  'sync.status': procedure(
    'Overall sync status with a remote (the saved one by default): runs and models synced, pending and failed, with the failures.',
    z.object({ remote }),
    z.object({
      remote: z.string().nullable(),
      lastPushTime: z.number().nullable(),
      lastError: z.string().nullable(),
      runs: counts,
      models: counts,
      failures: z.array(failure),
      auto: z.object({ minutes: z.number().nullable(), running: z.boolean() }),
    }),
  ),
  'sync.itemStatus': procedure(
    'Synced, pending or failed (with the reason) for the given runs and models, against the saved remote.',
    z.object({ runIds: z.array(z.string()).max(1000).default([]), models: z.array(z.string()).max(1000).default([]) }),
    z.object({
      remote: z.string().nullable(),
      runs: z.array(itemStatus.extend({ runId: z.string() })),
      models: z.array(itemStatus.extend({ name: z.string() })),
    }),
  ),
  'sync.getSettings': procedure('The remote MLflow server, where its credentials come from, and the automatic interval.', z.object({}), settings),
  'sync.saveSettings': procedure(
    'Set the remote, its credentials (kept encrypted by the system keychain; leave auth out to keep the saved ones) and the automatic interval in minutes (null: off).',
    z.object({ remoteUri: z.string().nullable(), auth: savedAuth.optional(), autoMinutes: z.number().int().min(1).max(1440).nullable().default(null) }),
    settings,
  ),
  'sync.testConnection': procedure(
    'Whether the remote answers MLflow requests and accepts the credentials.',
    z.object({ remote }),
    z.object({ remote: z.string(), reachable: z.boolean(), authenticated: z.boolean(), code: z.string().nullable(), message: z.string() }),
  ),
};

export const syncEvents = {};
