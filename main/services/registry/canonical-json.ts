import crypto from 'node:crypto';
import { canonicalJson } from '../../../pipelines/canonical-json';

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** The spec hash of a preprocessing spec: two versions share it exactly when they preprocess alike. */
export const specHash = (spec: unknown): string => sha256Hex(canonicalJson(spec));
