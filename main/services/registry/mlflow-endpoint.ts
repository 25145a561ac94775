import type { z } from 'zod';
import { parseMlflowInput } from '../../mlflow/mlflow-request';
import type { HttpCaller } from '../../transport/http-route';
import type { RegistryService } from './registry-service';

export type RegistryMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * One MLflow registry endpoint. The registry uses PATCH and DELETE as well as GET and
 * POST, and one path (registered-models/alias) means three things by method, so an
 * endpoint is keyed by path and method.
 */
export interface RegistryEndpoint {
  path: string;
  method: RegistryMethod;
  handle(raw: Record<string, unknown>, registry: RegistryService, caller: HttpCaller): Promise<unknown>;
}

export function registryEndpoint<S extends z.ZodType>(
  path: string,
  methods: RegistryMethod | readonly RegistryMethod[],
  schema: S,
  handler: (input: z.output<S>, registry: RegistryService, caller: HttpCaller) => unknown,
): RegistryEndpoint[] {
  return (typeof methods === 'string' ? [methods] : methods).map((method) => ({
    path,
    method,
    async handle(raw, registry, caller) {
      return handler(parseMlflowInput(schema, raw), registry, caller);
    },
  }));
}

/** Who the trail records for a change over MLflow REST: the named user, else the MLflow client. */
export const mlflowActor = (caller: HttpCaller): string => caller.user ?? 'mlflow-client';

/** MLflow's clients read registry endpoints with GET; some older ones POST the same request. */
export const READ = ['GET', 'POST'] as const;
