/**
 * The executor registry bench/training.bench.ts runs on the worker pool: a
 * forest fitted as chunks of trees (one task per worker, merged), and the
 * hyper-parameter search's chunk task. Workers load this module by URL.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineFlow } from '../../pipelines/flows/flow';
import { planSearch, runSearchOnPool, searchChunkTask } from '../../pipelines/flows/ml-search';
import { createRegistry } from '../../pipelines/flows/registry';
import { defineTask } from '../../pipelines/flows/task';
import { fitRandomForest, type RandomForestModel } from '../../pipelines/ml';
import { ORIGINAL_RF_SEARCH } from '../../pipelines/ml/search';

// Flow params are stored as JSON: the table travels as plain numbers and becomes a Float64Array here.
const table = z.object({ data: z.array(z.number()), rows: z.number(), cols: z.number(), y: z.array(z.number()) });

export const forestChunkTask = defineTask<{ data: Float64Array; rows: number; cols: number; y: number[]; trees: number; seed: number }, RandomForestModel>({
  name: 'bench.forest_chunk',
  version: '1',
  run: (input) => fitRandomForest({ data: input.data, rows: input.rows, cols: input.cols }, input.y, { nEstimators: input.trees, maxFeatures: 'sqrt', seed: input.seed }),
});

/**
 * The forest's table comes as a file of float64 values, the way a training flow gets
 * its data (a path, not the numbers): flow params are stored as JSON and parsed for
 * each snapshot of the run, which would time the store, not the pool.
 */
const forestTable = z.object({ tablePath: z.string(), rows: z.number(), cols: z.number(), y: z.array(z.number()) });

export const forestPoolFlow = defineFlow<z.infer<typeof forestTable> & { trees: number; chunks: number }>({
  name: 'bench_forest_pool',
  version: '1',
  description: 'A random forest fitted in tree chunks on the pool.',
  params: forestTable.extend({ trees: z.number(), chunks: z.number() }),
  tasks: [forestChunkTask],
  async run(p, ctx) {
    const bytes = readFileSync(p.tablePath);
    const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const per = Math.ceil(p.trees / p.chunks);
    const parts = await Promise.all(
      Array.from({ length: p.chunks }, (_, c) => ctx.task(forestChunkTask, { data, rows: p.rows, cols: p.cols, y: p.y, trees: Math.min(per, p.trees - c * per), seed: c })),
    );
    return { trees: parts.reduce((n, f) => n + f.trees.length, 0) };
  },
});

export const searchPoolFlow = defineFlow<z.infer<typeof table> & { chunks: number }>({
  name: 'bench_search_pool',
  version: '1',
  description: "The original's randomized forest search on the pool.",
  params: table.extend({ chunks: z.number() }),
  tasks: [searchChunkTask],
  async run(p, ctx) {
    const plan = planSearch(p.y, { model: 'rf', space: ORIGINAL_RF_SEARCH.space, nIter: ORIGINAL_RF_SEARCH.nIter, cv: ORIGINAL_RF_SEARCH.cv, seed: 0 });
    const outcome = await runSearchOnPool(ctx, { data: Float64Array.from(p.data), rows: p.rows, cols: p.cols }, p.y, plan, { chunks: p.chunks });
    return { best: outcome.best.mean, bestParams: outcome.best.params };
  },
});

export const registry = createRegistry([forestPoolFlow, searchPoolFlow]);
