import type http from 'node:http';
import { AppError } from '../core/app-error';
import { httpStatusFor, type ApiErrorBody } from '../contract/errors';

export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    // With nosniff, a page on another site that loads an answer as a script or style gets nothing.
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: ApiErrorBody): void {
  sendJson(res, httpStatusFor(error.code), error);
}

export async function readBody(req: http.IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new AppError('INVALID_PARAMETER_VALUE', `The request body is larger than ${Math.round(limit / 1024 / 1024)} MiB.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** `application/json; charset=utf-8` → `application/json`: the media type alone, without its parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A JSON body must say so in its Content-Type. A browser lets any page send `text/plain`,
 * form and multipart bodies to any server without asking it first ("simple" requests);
 * `application/json` needs a CORS preflight, which this server never approves. Only a
 * DELETE with no body at all (its fields in the query string) may leave the type out.
 */
export function checkJsonMediaType(req: http.IncomingMessage): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (req.method === 'DELETE' && !hasBody) return;
  if (mediaTypeOf(req.headers['content-type']) !== 'application/json') {
    const given = req.headers['content-type'] ? `"${req.headers['content-type']}"` : 'none';
    throw new AppError('BAD_REQUEST', `Send the request body as JSON with Content-Type: application/json (this request's Content-Type: ${given}).`);
  }
}

/** An empty body is `{}`; anything else must be JSON, declared as application/json. */
export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  // Checked before reading, so a refused body is never buffered.
  checkJsonMediaType(req);
  const raw = (await readBody(req)).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
