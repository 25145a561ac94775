import type http from 'node:http';
import { httpStatusFor } from '../contract/errors';
import { toErrorBody } from '../core/error-body';

/** An error as MLflow answers it, ready for any transport (HTTP here, the desktop's app:// scheme). */
export interface MlflowErrorAnswer {
  status: number;
  headers: Record<string, string>;
  /** `{"error_code", "message"}`. */
  text: string;
}

export function mlflowErrorAnswer(error: unknown): MlflowErrorAnswer {
  const body = toErrorBody(error);
  if (body.code === 'INTERNAL_ERROR') console.error('MLflow request failed:', error);
  const text = JSON.stringify({ error_code: body.code, message: body.message });
  return {
    status: httpStatusFor(body.code),
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store' },
    text,
  };
}

/** MLflow's error body: `{"error_code", "message"}`, with the status its code maps to. */
export function sendMlflowError(res: http.ServerResponse, error: unknown): void {
  const answer = mlflowErrorAnswer(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.text);
}
