/**
 * The hyper-parameter search of a training, run by the ml_pipeline flow between
 * the process and train stages: the flow body (which may start tasks) plans the
 * search on the prepared train part and cross-validates the candidates in
 * parallel on the worker pool (pipelines/flows/ml-search), then hands the best
 * candidate's parameters to `ml.train` with the search's summary.
 */
import { matrixFromRows } from '../../ml';
import { planSearch, runSearchOnPool } from '../ml-search';
import type { FlowContext } from '../flow';
import type { PreparedData } from './prepare-stage';
import type { TrainArgs } from './train-stage';

export interface SearchSummary {
  candidates: number;
  cv: number;
  scoring: string;
  bestIndex: number;
  bestScore: number;
  bestStd: number;
  elapsedMs: number;
  results: Array<{ params: Record<string, unknown>; mean: number; std: number }>;
}

/** The train stage's args with the search done: the best parameters and the summary (args unchanged when no search is asked). */
export async function searchBeforeTrain(ctx: FlowContext, fn: string, args: Record<string, unknown>, data: unknown): Promise<Record<string, unknown>> {
  const search = typeof args.search === 'number' ? args.search : 0;
  if (fn !== 'ml.train' || search <= 0) return args;
  const prepared = data as PreparedData;
  const model = (args.model as TrainArgs['model'] | undefined) ?? 'rf';
  const cv = typeof args.cv === 'number' ? args.cv : 5;
  const seed = typeof args.seed === 'number' ? args.seed : 0;
  const y = Int32Array.from(prepared.y, (label) => prepared.classes.indexOf(label));
  const plan = planSearch(y, { model, nIter: search, cv, seed, groups: prepared.ids });
  ctx.logger.info(`search: ${plan.candidates.length} ${model} candidates × ${plan.folds.length} folds on the worker pool`);
  const outcome = await runSearchOnPool(ctx, matrixFromRows(prepared.X), y, plan);
  const summary: SearchSummary = {
    candidates: plan.candidates.length,
    cv: plan.folds.length,
    scoring: plan.scoring,
    bestIndex: outcome.bestIndex,
    bestScore: outcome.best.mean,
    bestStd: outcome.best.std,
    elapsedMs: outcome.elapsedMs,
    results: outcome.results.map((r) => ({ params: r.params, mean: r.mean, std: r.std })),
  };
  return { ...args, params: outcome.best.params, searchResult: summary };
}
