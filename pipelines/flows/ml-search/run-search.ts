/**
 * The hyper-parameter search as a flow runs it: the plan (candidates and
 * stratified folds, pure), then the candidates cross-validated in parallel on
 * the executor's worker pool, in chunks, and the best chosen. `runSearchInline`
 * runs the same plan on the calling thread (the CLI without an executor, the
 * bench's single-thread figure) and gives the same results.
 */
import { PipelineError } from '../../errors';
import type { ModelKind } from '../../ml/classifier';
import type { FeatureMatrix } from '../../ml/matrix';
import { groupedStratifiedKFold, stratifiedKFold, type Fold } from '../../ml/prep/folds';
import { chooseBest, crossValidate, type CandidateResult, type Scoring } from '../../ml/search/cross-validate';
import { gridCandidates, presetFor, randomCandidates, type SearchSpace } from '../../ml/search/space';
import type { FlowContext } from '../flow';
import { searchChunkTask } from './search-task';

export interface SearchRequest {
  model: ModelKind;
  /** The space to search; the model type's preset by default (ORIGINAL_RF_SEARCH for rf). */
  space?: SearchSpace;
  /** Randomized search with this many candidates; null searches the whole grid. Default: the preset's. */
  nIter?: number | null;
  /** Folds of the stratified k-fold CV. Default: the preset's (10 for rf). */
  cv?: number;
  seed?: number;
  scoring?: Scoring;
  /** Subject id per row: folds keep each subject's recordings together. */
  groups?: readonly string[];
}

export interface SearchPlan {
  model: ModelKind;
  candidates: ReturnType<typeof gridCandidates>;
  folds: Fold[];
  seed: number;
  scoring: Scoring;
}

export interface SearchOutcome {
  model: ModelKind;
  scoring: Scoring;
  results: CandidateResult[];
  bestIndex: number;
  best: CandidateResult;
  elapsedMs: number;
}

export function planSearch(y: ArrayLike<number>, request: SearchRequest): SearchPlan {
  const preset = presetFor(request.model);
  const space = request.space ?? preset.space;
  const nIter = request.nIter === undefined ? preset.nIter : request.nIter;
  const cv = request.cv ?? preset.cv;
  const seed = request.seed ?? 0;
  const candidates = nIter === null ? gridCandidates(space) : randomCandidates(space, nIter, seed);
  const kfold = { shuffle: true, seed };
  const folds = request.groups ? groupedStratifiedKFold(y, request.groups, cv, kfold) : stratifiedKFold(y, cv, kfold);
  return { model: request.model, candidates, folds, seed, scoring: request.scoring ?? 'accuracy' };
}

function outcome(plan: SearchPlan, results: CandidateResult[], started: number): SearchOutcome {
  const { index, result } = chooseBest(results);
  return { model: plan.model, scoring: plan.scoring, results, bestIndex: index, best: result, elapsedMs: performance.now() - started };
}

export interface PoolSearchOptions {
  /** How many tasks to split the candidates into (default: 4 per worker of a 2-worker pool, at most one per candidate). */
  chunks?: number;
  /** Nest the chunk runs under this task run (e.g. the train stage's). */
  parentTaskRunId?: string;
  /** Candidates finished so far, after each chunk. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs the plan on the worker pool, chunk tasks in parallel; results in candidate order. */
export async function runSearchOnPool(ctx: FlowContext, x: FeatureMatrix, y: ArrayLike<number>, plan: SearchPlan, options: PoolSearchOptions = {}): Promise<SearchOutcome> {
  const started = performance.now();
  const n = plan.candidates.length;
  if (n === 0) throw new PipelineError('INVALID_PARAMETER', 'The search has no candidates.');
  const chunks = Math.max(1, Math.min(n, options.chunks ?? 8));
  const size = Math.ceil(n / chunks);
  let done = 0;
  const parts = await Promise.all(
    Array.from({ length: Math.ceil(n / size) }, async (_, c) => {
      const candidates = plan.candidates.slice(c * size, (c + 1) * size);
      const results = await ctx.task(
        searchChunkTask,
        {
          x: { data: x.data, rows: x.rows, cols: x.cols },
          y: Array.from(y),
          folds: plan.folds,
          model: plan.model,
          seed: plan.seed,
          scoring: plan.scoring,
          firstIndex: c * size,
          candidates,
        },
        { label: `search ${c * size + 1}-${c * size + candidates.length}`, parentTaskRunId: options.parentTaskRunId },
      );
      done += candidates.length;
      options.onProgress?.(done, n);
      ctx.logger.info(`search: ${done} of ${n} candidates cross-validated`);
      return results;
    }),
  );
  return outcome(plan, parts.flat(), started);
}

/** Runs the plan on this thread, candidate after candidate. */
export function runSearchInline(x: FeatureMatrix, y: ArrayLike<number>, plan: SearchPlan, onProgress?: (done: number, total: number) => void): SearchOutcome {
  const started = performance.now();
  const results = plan.candidates.map((params, i) => {
    const r = crossValidate(x, y, plan.folds, { model: plan.model, params, seed: plan.seed, scoring: plan.scoring });
    onProgress?.(i + 1, plan.candidates.length);
    return r;
  });
  return outcome(plan, results, started);
}
