/**
 * One chunk of a hyper-parameter search, run in a worker: cross-validates a run
 * of candidates on the same folds and returns their scores. The flow splits the
 * candidates into chunks so the pool's workers share them; the features travel
 * once per chunk (structured clone of a Float64Array).
 */
import type { ModelKind, ModelParams } from '../../ml/classifier';
import type { Fold } from '../../ml/prep/folds';
import { crossValidate, type CandidateResult, type Scoring } from '../../ml/search/cross-validate';
import { defineTask } from '../task';

export interface SearchChunkInput {
  x: { data: Float64Array; rows: number; cols: number };
  y: number[];
  folds: Fold[];
  model: ModelKind;
  seed: number;
  scoring: Scoring;
  /** Index of the first candidate in the whole search, for the log. */
  firstIndex: number;
  candidates: ModelParams[];
}

export const searchChunkTask = defineTask<SearchChunkInput, CandidateResult[]>({
  name: 'ml.search_chunk',
  version: '1',
  run(input, ctx) {
    const total = input.candidates.length * input.folds.length;
    ctx.log.param('model', input.model);
    ctx.log.param('candidates', `${input.firstIndex}..${input.firstIndex + input.candidates.length - 1}`);
    return input.candidates.map((params, c) => {
      const result = crossValidate(
        input.x,
        input.y,
        input.folds,
        { model: input.model, params, seed: input.seed, scoring: input.scoring },
        (done) => ctx.progress((c * input.folds.length + done) / total, `candidate ${input.firstIndex + c + 1}, fold ${done}/${input.folds.length}`),
        ctx.signal,
      );
      ctx.log.metric(`cv_mean_${input.scoring}`, result.mean, input.firstIndex + c);
      return result;
    });
  },
});
