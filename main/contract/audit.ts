import { z } from 'zod';
import { procedure } from './define';

/**
 * The audit chain: every prediction and registry transition as an append-only record
 * holding the previous record's hash. Read-only over the API: records are written by the
 * services whose changes they record.
 */

export const auditRecordSchema = z.object({
  seq: z.number().int(),
  kind: z.string(),
  at: z.number(),
  actor: z.string(),
  appVersion: z.string(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

/** The whole chain as CSV over HTTP (what `neuroops audit export` writes). */
export const AUDIT_EXPORT_PATH = '/api/audit/export.csv';

export const auditProcedures = {
  'audit.list': procedure(
    'Audit records, newest first; `kind` (e.g. "prediction", "registry.promote") narrows them, `before` pages back.',
    z.object({ kind: z.string().optional(), before: z.number().int().positive().optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({ records: z.array(auditRecordSchema) }),
  ),
  'audit.get': procedure('One audit record by its sequence number.', z.object({ seq: z.number().int().positive() }), auditRecordSchema),
  'audit.verify': procedure(
    'Recomputes every hash and link of the chain; names the first record that does not fit.',
    z.object({}),
    z.object({ ok: z.boolean(), records: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional() }),
  ),
  'audit.exportCsv': procedure(
    'Writes the whole chain, oldest first, to a file on this computer, as `neuroops audit export` does (CSV by default, the bytes of GET /api/audit/export.csv). Written whole or not at all.',
    z.object({ path: z.string().min(1), format: z.enum(['csv', 'json']).default('csv') }),
    z.object({ path: z.string(), records: z.number().int(), bytes: z.number().int() }),
    { hostPaths: true, overHttp: `Download GET ${AUDIT_EXPORT_PATH} instead.` },
  ),
};

export const auditEvents = {};
