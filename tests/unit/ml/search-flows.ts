/**
 * A registry with one flow that runs a hyper-parameter search on the worker
 * pool, for search-pool.test.ts. Workers load this module by URL.
 */
import { z } from 'zod';
import { defineFlow } from '../../../pipelines/flows/flow';
import { planSearch, runSearchOnPool, searchChunkTask } from '../../../pipelines/flows/ml-search';
import { createRegistry } from '../../../pipelines/flows/registry';
import { loadTable } from './fixtures';

export const searchParams = z.object({
  table: z.string(),
  model: z.enum(['rf', 'gbt', 'logreg']),
  space: z.record(z.string(), z.array(z.union([z.number(), z.string(), z.boolean(), z.null()]))),
  nIter: z.number().nullable(),
  cv: z.number(),
  chunks: z.number(),
});

export const searchFlow = defineFlow<z.infer<typeof searchParams>>({
  name: 'test_search',
  version: '1',
  description: 'A hyper-parameter search on a fixture table, on the pool.',
  params: searchParams,
  tasks: [searchChunkTask],
  async run(params, ctx) {
    const t = loadTable(params.table);
    const plan = planSearch(t.y, { model: params.model, space: params.space, nIter: params.nIter, cv: params.cv, seed: 1 });
    const progress: number[] = [];
    const outcome = await runSearchOnPool(ctx, t.x, t.y, plan, { chunks: params.chunks, onProgress: (done) => progress.push(done) });
    return { ...outcome, progress };
  },
});

export const registry = createRegistry([searchFlow]);
