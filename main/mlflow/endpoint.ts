import type { z } from 'zod';
import type { TrackingService } from '../services/tracking/tracking-service';
import type { HttpCaller } from '../transport/http-route';
import { parseMlflowInput } from './mlflow-request';

export type HttpMethod = 'GET' | 'POST';

/** One MLflow REST endpoint: its path under /api/2.0/mlflow/, the methods MLflow serves it on, its request schema. */
export interface MlflowEndpoint {
  path: string;
  methods: readonly HttpMethod[];
  handle(raw: Record<string, unknown>, tracking: TrackingService, caller: HttpCaller): Promise<unknown>;
}

export const READ: readonly HttpMethod[] = ['GET', 'POST'];
export const WRITE: readonly HttpMethod[] = ['POST'];

export function endpoint<S extends z.ZodType>(
  path: string,
  methods: readonly HttpMethod[],
  schema: S,
  handler: (input: z.output<S>, tracking: TrackingService, caller: HttpCaller) => unknown,
): MlflowEndpoint {
  return {
    path,
    methods,
    async handle(raw, tracking, caller) {
      return handler(parseMlflowInput(schema, raw), tracking, caller);
    },
  };
}
