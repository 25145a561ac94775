import type http from 'node:http';
import { httpStatusFor } from '../contract/errors';
import { toErrorBody } from '../core/error-body';

/** MLflow's error body: `{"error_code", "message"}`, with the status its code maps to. */
export function sendMlflowError(res: http.ServerResponse, error: unknown): void {
  const body = toErrorBody(error);
  if (body.code === 'INTERNAL_ERROR') console.error('MLflow request failed:', error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify({ error_code: body.code, message: body.message });
  res.writeHead(httpStatusFor(body.code), {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
