/**
 * The search on the executor's worker pool (2 workers): the candidates are
 * cross-validated in chunk tasks, progress comes after each chunk, and the
 * results (every candidate's fold scores, the best) equal those of the same
 * plan run on one thread.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowRun } from '../../../main/contract/executor';
import { closeDatabase, openDatabase, type Db } from '../../../main/db/database';
import { Executor } from '../../../main/services/executor/executor';
import { planSearch, runSearchInline, type SearchOutcome } from '../../../pipelines/flows/ml-search';
import { tempDir } from '../../support/temp-dir';
import { loadTable } from './fixtures';
import { registry } from './search-flows';

const REGISTRY_URL = new URL('./search-flows.ts', import.meta.url).href;
const open: Array<{ executor: Executor; db: Db }> = [];

afterEach(async () => {
  for (const { executor, db } of open.splice(0)) {
    await executor.close();
    closeDatabase(db);
  }
});

function startExecutor(): Executor {
  const { db } = openDatabase(path.join(tempDir('neuroops-search-'), 'neuroops.db'));
  const executor = new Executor({ db, registry, registryUrl: REGISTRY_URL, poolSize: 2 });
  open.push({ executor, db });
  return executor;
}

describe('hyper-parameter search on the worker pool', () => {
  it('a randomized forest search: chunk tasks on the pool, the same results as on one thread', async () => {
    const space = { n_estimators: [10, 20], max_depth: [3, null], min_samples_leaf: [1, 5], criterion: ['gini', 'entropy'] };
    const params = { table: 'multiclass', model: 'rf' as const, space, nIter: 6, cv: 3, chunks: 3 };
    const executor = startExecutor();
    const run: FlowRun = await executor.waitFor(executor.start('test_search', params).flowRunId);
    expect(run.state).toBe('Completed');
    const detail = executor.getFlowRun(run.flowRunId);
    expect(detail.taskRuns.map((t) => t.taskName)).toEqual(['ml.search_chunk', 'ml.search_chunk', 'ml.search_chunk']);
    const pooled = run.result as SearchOutcome & { progress: number[] };
    expect(pooled.progress.sort((a, b) => a - b)).toEqual([2, 4, 6]);

    const t = loadTable('multiclass');
    const inline = runSearchInline(t.x, t.y, planSearch(t.y, { model: 'rf', space, nIter: 6, cv: 3, seed: 1 }));
    expect(pooled.results.map((r) => [r.params, r.scores])).toEqual(inline.results.map((r) => [r.params, r.scores]));
    expect(pooled.bestIndex).toBe(inline.bestIndex);
    expect(pooled.best.mean).toBeGreaterThan(0.6);
  });

  it('a grid search of logistic regression in as many chunks as candidates', async () => {
    const executor = startExecutor();
    const params = { table: 'breast-cancer', model: 'logreg' as const, space: { C: [0.01, 1] }, nIter: null, cv: 4, chunks: 8 };
    const run = await executor.waitFor(executor.start('test_search', params).flowRunId);
    expect(run.state).toBe('Completed');
    expect(executor.getFlowRun(run.flowRunId).taskRuns).toHaveLength(2);
    const pooled = run.result as SearchOutcome;
    expect(pooled.results.map((r) => r.params)).toEqual([{ C: 0.01 }, { C: 1 }]);
    expect(pooled.results.every((r) => r.scores.length === 4)).toBe(true);
  });
});
