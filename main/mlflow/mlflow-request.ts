import type http from 'node:http';
import { z } from 'zod';
import { AppError } from '../core/app-error';
import { describeZodError } from '../core/error-body';
import { readJsonBody } from '../transport/http-io';

/**
 * Reads an MLflow request as one object, from the query string of a GET or the JSON body
 * of a POST, so each endpoint validates one shape whichever way it was sent. Query values
 * are strings (repeated keys give a list); the schemas below accept both spellings, as
 * protobuf's JSON parser does (an int64 may be 5 or "5").
 */
export async function readMlflowRequest(req: http.IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  if (req.method === 'GET' || req.method === 'DELETE') {
    const out: Record<string, unknown> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      out[key] = values.length === 1 ? values[0] : values;
    }
    return out;
  }
  const body = await readJsonBody(req);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('BAD_REQUEST', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

export function parseMlflowInput<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_PARAMETER_VALUE', `Invalid request: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * int64: a JSON number or a string of digits. Only values JavaScript holds exactly (±2^53)
 * are accepted; a timestamp or count past them is a client's mistake, refused here.
 */
export const int64 = z
  .union([z.number(), z.string().regex(/^-?\d+$/, 'expected an integer').transform(Number)])
  .pipe(
    z
      .number()
      .int('expected an integer')
      .min(-Number.MAX_SAFE_INTEGER, `expected an integer from ${-Number.MAX_SAFE_INTEGER}`)
      .max(Number.MAX_SAFE_INTEGER, `expected an integer up to ${Number.MAX_SAFE_INTEGER}`),
  );

/** A protobuf double: a number, a numeric string, or "NaN" / "Infinity" / "-Infinity". */
export const double = z.union([
  z.number(),
  z
    .string()
    .refine((s) => ['NaN', 'Infinity', '-Infinity'].includes(s) || (s.trim() !== '' && !Number.isNaN(Number(s))), 'expected a number')
    .transform(Number),
]);

/** A repeated string field: a query string gives a single value for one item. */
export const stringList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()));

/** A required string; MLflow's own wording when it is missing. */
export const required = (name: string) =>
  z.string({ error: `Missing value for required parameter '${name}'.` }).min(1, `Missing value for required parameter '${name}'.`);

export const keyValue = z.object({ key: z.string(), value: z.string() });
export const keyValues = z.array(keyValue).default([]);

/** MLflow accepts the run id as run_id or (deprecated) run_uuid; `runIdOf` picks it. */
export const runRef = z.object({ run_id: z.string().optional(), run_uuid: z.string().optional() });

export function runIdOf(input: { run_id?: string; run_uuid?: string }): string {
  const id = input.run_id || input.run_uuid;
  if (!id) throw new AppError('INVALID_PARAMETER_VALUE', "Missing value for required parameter 'run_id'.");
  return id;
}
