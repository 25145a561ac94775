import { invalid } from '../../core/app-error';

/**
 * Page tokens are opaque to clients: base64url of a small JSON record. They carry an
 * offset plus a fingerprint of the query they belong to, so a token replayed against a
 * different query is refused instead of silently skipping rows.
 */
export function encodePageToken(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint(query) })).toString('base64url');
}

export function decodePageToken(token: string | undefined | null, query: string): number {
  if (!token) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('Invalid page_token: pass back the next_page_token of the previous page unchanged.');
  }
  const record = parsed as { o?: unknown; q?: unknown };
  if (typeof record?.o !== 'number' || !Number.isSafeInteger(record.o) || record.o < 0) {
    throw invalid('Invalid page_token: pass back the next_page_token of the previous page unchanged.');
  }
  if (record.q !== fingerprint(query)) {
    throw invalid('This page_token belongs to a different query: repeat the same filter, order and experiments to page on.');
  }
  return record.o;
}

/** A short, stable hash of the query (FNV-1a); it only has to tell queries apart. */
function fingerprint(query: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < query.length; i += 1) {
    hash ^= query.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
