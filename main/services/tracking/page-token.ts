import { invalid } from '../../core/app-error';

/**
 * Page tokens are opaque to clients: base64url of a small JSON record. They carry where
 * the next page starts (an offset, or a cursor: the last row's sort key) plus a
 * fingerprint of the query they belong to, so a token replayed against a different query
 * is refused instead of silently skipping rows.
 */
export function encodePageToken(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint(query) })).toString('base64url');
}

export function decodePageToken(token: string | undefined | null, query: string): number {
  const record = readToken(token, query);
  if (record === null) return 0;
  if (typeof record.o !== 'number' || !Number.isSafeInteger(record.o) || record.o < 0) throw badToken();
  return record.o;
}

/** A token holding a cursor (the sort key of the last row served) instead of an offset. */
export function encodeCursorToken(cursor: unknown[], query: string): string {
  return Buffer.from(JSON.stringify({ c: cursor, q: fingerprint(query) })).toString('base64url');
}

/** The cursor of a token from `encodeCursorToken`, or null for the first page. */
export function decodeCursorToken(token: string | undefined | null, query: string): unknown[] | null {
  const record = readToken(token, query);
  if (record === null) return null;
  if (!Array.isArray(record.c)) throw badToken();
  return record.c;
}

function badToken(): Error {
  return invalid('Invalid page_token: pass back the next_page_token of the previous page unchanged.');
}

function readToken(token: string | undefined | null, query: string): { o?: unknown; c?: unknown } | null {
  if (!token) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  if (typeof parsed !== 'object' || parsed === null) throw badToken();
  const record = parsed as { o?: unknown; c?: unknown; q?: unknown };
  if (record.q !== fingerprint(query)) {
    throw invalid('This page_token belongs to a different query: repeat the same filter, order and experiments to page on.');
  }
  return record;
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
