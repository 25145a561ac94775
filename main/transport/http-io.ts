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

/** An empty body is `{}`; anything else must be JSON. */
export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req)).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
