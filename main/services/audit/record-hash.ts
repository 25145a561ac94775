/**
 * The hash of one audit record: sha256 of the canonical JSON of everything the
 * record says, its predecessor's hash included. Changing any field of any
 * record, or removing one, changes a hash that a later record holds.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../pipelines/canonical-json';

/** The hash the first record points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecordBody {
  seq: number;
  kind: string;
  at: number;
  actor: string;
  appVersion: string;
  payload: unknown;
  prevHash: string;
}

export function recordHash(record: AuditRecordBody): string {
  const { seq, kind, at, actor, appVersion, payload, prevHash } = record;
  return createHash('sha256').update(canonicalJson({ seq, kind, at, actor, appVersion, payload, prevHash })).digest('hex');
}
